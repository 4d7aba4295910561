import { expect, test } from "./fixtures";

/**
 * A few hundred malformed requests against the portal API: none may answer 5xx, every 4xx is a problem+json
 * that says what was wrong, and the portal still answers afterwards.
 */

const HUGE = "x".repeat(2 * 1024 * 1024);
const BAD_QUERY_VALUES = ["abc", "-1", "0", "101", "1e9", "1.5", "NaN", "Infinity", "%00", "%zz", "' OR 1=1 --",
  "<script>alert(1)</script>", "😀".repeat(200), "a".repeat(5000), "../../etc/passwd", "null", "[]", "{}", " "];
const BAD_BODIES: Array<[string, string]> = [
  ["application/json", "{"], ["application/json", "not json"], ["application/json", '{"name": 1}'],
  ["application/json", "null"], ["application/json", "[1,2,3]"], ["text/plain", "hello"],
  ["application/x-www-form-urlencoded", "a=b"], ["application/json", HUGE], ["application/json", `{"value":"${HUGE}"}`],
];
const PATHS = ["/api/key-vault/secrets", "/api/instance", "/api/health", "/api/nope", "/api/key-vault/secrets/extra",
  "/api/key-vault/../instance", "/api/" + "a/".repeat(200)];
/** Paths that normalise to outside /api: they are pages (an HTML 404), but still never a 5xx. */
const ESCAPING_PATHS = ["/api/%2e%2e/%2e%2e/etc/passwd", "/api/..%2f..%2fetc/passwd"];

interface Probe { method: string; url: string; body?: string; contentType?: string }

function probes(): Probe[] {
  const out: Probe[] = [];
  for (const key of ["pageSize", "cursor", "search", "unknown"]) {
    for (const v of BAD_QUERY_VALUES) out.push({ method: "GET", url: `/api/key-vault/secrets?${key}=${v}` });
  }
  out.push({ method: "GET", url: "/api/key-vault/secrets?pageSize=1&pageSize=2" });
  // Just over the schema's 4,096 characters (far longer URLs are refused by Node itself with 431, before any route).
  out.push({ method: "GET", url: `/api/key-vault/secrets?cursor=${"c".repeat(4097)}` });
  for (const path of PATHS) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      out.push({ method, url: path });
      if (method !== "GET") for (const [contentType, body] of BAD_BODIES) out.push({ method, url: path, body, contentType });
    }
  }
  return out;
}

test("malformed requests get clear 4xx problems, never a 5xx, and the portal keeps answering", async ({ request }) => {
  test.setTimeout(180_000);
  const all = probes();
  expect(all.length).toBeGreaterThan(300);
  const failures: string[] = [];
  let fourXx = 0;
  for (const p of all) {
    const res = await request.fetch(p.url, {
      method: p.method,
      data: p.body,
      headers: p.contentType ? { "content-type": p.contentType } : undefined,
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    const status = res.status();
    const where = `${p.method} ${p.url.slice(0, 80)}${p.body ? ` (${p.body.length} bytes)` : ""}`;
    if (status >= 500) failures.push(`${where} → ${status}`);
    if (status >= 400 && status < 500) {
      fourXx++;
      const type = res.headers()["content-type"] ?? "";
      if (!type.includes("application/problem+json")) {
        failures.push(`${where} → ${status} with content-type ${type}`);
        continue;
      }
      const problem = (await res.json()) as { status?: number; title?: string; detail?: string; stack?: unknown };
      if (problem.status !== status || !problem.title || !problem.detail) failures.push(`${where} → unclear problem ${JSON.stringify(problem).slice(0, 200)}`);
      if (/\bat \S+ \(?[^)]*:\d+:\d+\)?/.test(JSON.stringify(problem))) failures.push(`${where} → looks like a stack trace`);
    }
  }
  expect(failures).toEqual([]);
  expect(fourXx).toBeGreaterThan(250);

  for (const url of ESCAPING_PATHS) {
    const res = await request.fetch(url, { failOnStatusCode: false, maxRedirects: 0 });
    expect(res.status(), url).toBeLessThan(500);
  }

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const list = await request.get("/api/key-vault/secrets");
  expect(list.status()).toBe(200);
});

test("a bad query names the field that is wrong", async ({ request }) => {
  const res = await request.get("/api/key-vault/secrets?pageSize=abc", { failOnStatusCode: false });
  expect(res.status()).toBe(400);
  const problem = (await res.json()) as { errors?: Record<string, string[]> };
  expect(Object.keys(problem.errors ?? {})).toContain("pageSize");
});
