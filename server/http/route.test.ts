import { Writable } from "node:stream";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { memoryAuditLog, TEST_OPERATOR } from "@/server/auth/testing/memory-audit-log";

const lines: string[] = [];
vi.mock("@/server/log", async (importActual) => {
  const actual = await importActual<typeof import("@/server/log")>();
  const sink = new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } });
  const logger = actual.createLogger("info", sink);
  return { ...actual, log: () => logger };
});

// Authentication and the audit log have their own tests (server/auth, server/audit); here every caller is an operator.
vi.mock("@/server/http/authenticate", async (importActual) => ({
  ...(await importActual<typeof import("@/server/http/authenticate")>()),
  authenticate: async () => TEST_OPERATOR,
}));
vi.mock("@/server/wiring", () => ({ auditLog: () => audit }));
const audit = memoryAuditLog();

const { route, json } = await import("./route");

const SECRET = "s3cr3t-Value-4242";
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const url = "http://127.0.0.1:3000/api/things";
const body = z.object({ name: z.string().regex(/^[a-z]+$/, "lowercase only"), value: z.string(),
  tags: z.record(z.string(), z.string().max(3, "at most 3")).optional() });

const echo = route({ params: z.object({ id: z.string().min(2) }), query: z.object({ n: z.coerce.number().int().optional() }), body },
  ({ params, query, body: b }) => Response.json({ id: params.id, n: query.n ?? null, name: b.name }));

function post(payload: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request(`${url}?n=3`, { method: "POST", body: payload, headers });
}

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const p = await res.json();
  expect(JSON.stringify(p)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  return p;
}

beforeEach(() => { lines.length = 0; });

describe("route()", () => {
  it("parses params, query and body and calls the handler", async () => {
    const res = await echo(post(JSON.stringify({ name: "abc", value: SECRET })), ctx({ id: "42" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "42", n: 3, name: "abc" });
  });

  it("answers bad JSON with 400 without echoing the body", async () => {
    const res = await echo(post(`{"name":"abc","value":"${SECRET}"`), ctx({ id: "42" }));
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p).toMatchObject({ type: "/problems/bad-request", status: 400, detail: "The request body is not valid JSON." });
    expect(JSON.stringify(p)).not.toContain(SECRET);
  });

  it("answers a non-JSON content type and an empty body with 400", async () => {
    expect((await echo(post("name=abc", { "content-type": "application/x-www-form-urlencoded" }), ctx({ id: "42" }))).status).toBe(400);
    expect((await echo(post(null), ctx({ id: "42" }))).status).toBe(400);
  });

  it("answers wrong types with 400 and field paths", async () => {
    const res = await echo(post(JSON.stringify({ name: "ABC", value: 5, tags: { env: "production" } })), ctx({ id: "42" }));
    const p = await problemOf(res);
    expect(p.status).toBe(400);
    expect(p.errors).toEqual({ name: ["lowercase only"], value: [expect.stringMatching(/expected string/)],
      "tags.env": ["at most 3"] });
  });

  it("names the part when the body is not an object, and validates params and query", async () => {
    expect((await problemOf(await echo(post("[1,2]"), ctx({ id: "42" })))).errors).toHaveProperty("body");
    expect((await problemOf(await echo(post(JSON.stringify({ name: "a", value: "v" })), ctx({ id: "x" })))).errors)
      .toHaveProperty("id");
    const badQuery = new Request(`${url}?n=1.5`, { method: "POST", body: '{"name":"a","value":"v"}',
      headers: { "content-type": "application/json" } });
    expect((await problemOf(await echo(badQuery, ctx({ id: "42" })))).errors).toHaveProperty("n");
  });

  it("runs async refinements (e.g. a PEM check) and answers their issues with 400", async () => {
    const pem = z.object({ certificate: z.string().refine(async (v) => { await Promise.resolve(); return v.startsWith("-----BEGIN"); },
      "Paste a PEM certificate") });
    const check = route({ body: pem }, () => new Response(null, { status: 204 }));
    expect((await check(post(JSON.stringify({ certificate: "-----BEGIN CERTIFICATE-----" })), ctx())).status).toBe(204);
    const p = await problemOf(await check(post(JSON.stringify({ certificate: "nope" })), ctx()));
    expect(p.errors).toEqual({ certificate: ["Paste a PEM certificate"] });
  });

  it("refuses a body over the limit with 413, declared or streamed", async () => {
    const small = route({ body: z.unknown(), maxBodyBytes: 1024 }, () => new Response(null, { status: 204 }));
    const big = JSON.stringify({ value: "x".repeat(5000) });
    const declared = await small(post(big, { "content-type": "application/json", "content-length": String(big.length) }), ctx());
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({ start(c) { for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode("x".repeat(500))); c.close(); } });
    const streamed = await small(new Request(url, { method: "POST", body: stream, duplex: "half",
      headers: { "content-type": "application/json" } } as RequestInit), ctx());
    expect(streamed.status).toBe(413);
    expect((await problemOf(streamed)).type).toBe("/problems/payload-too-large");
  });

  it("keeps a valid incoming request id and makes one otherwise, on success and failure", async () => {
    const ok = route({}, () => Response.json({}));
    const kept = await ok(new Request(url, { headers: { "x-request-id": "abc-123" } }), ctx());
    expect(kept.headers.get("x-request-id")).toBe("abc-123");
    const made = await ok(new Request(url, { headers: { "x-request-id": "bad id with spaces" } }), ctx());
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const failing = route({}, () => { throw new AppError("not-found", "Secret 'x' was not found."); });
    const res = await failing(new Request(url, { headers: { "x-request-id": "req-9" } }), ctx());
    expect(res.headers.get("x-request-id")).toBe("req-9");
    expect(await problemOf(res)).toEqual({ type: "/problems/not-found", title: "Not found", status: 404,
      detail: "Secret 'x' was not found.", instance: "/api/things", requestId: "req-9" });
  });

  it.each([
    [new AppError("unauthenticated", "Sign in."), 401],
    [new AppError("forbidden", "Needs Key Vault Secrets Officer."), 403],
    [new AppError("conflict", "Deleted but recoverable."), 409],
    [new AppError("too-many-requests", "Slow down.", { retryAfterSeconds: 7 }), 429],
    [new AppError("upstream", "Key Vault failed.", { upstream: { service: "key-vault", code: "InternalError" } }), 502],
    [new AppError("upstream", "Key Vault unavailable.", { upstream: { service: "key-vault", code: "ServiceUnavailable", status: 503 } }), 503],
    [new AppError("upstream", "Key Vault timed out.", { upstream: { service: "key-vault", code: "ETIMEDOUT", status: 504 } }), 504],
  ])("maps %s to its status", async (err, status) => {
    const res = await route({}, () => { throw err; })(new Request(url), ctx());
    expect(res.status).toBe(status);
    const p = await problemOf(res);
    if (err.upstream) expect(p.upstream).toEqual({ service: "key-vault", code: err.upstream.code });
    if (status === 429) {
      expect(res.headers.get("retry-after")).toBe("7");
      expect(p.retryAfterSeconds).toBe(7);
    }
  });

  it("turns any other throw into a 500 without its message or stack", async () => {
    const res = await route({}, () => { throw new Error(`boom ${SECRET}`); })(new Request(url), ctx());
    expect(res.status).toBe(500);
    const p = await problemOf(res);
    expect(p.type).toBe("/problems/internal");
    expect(JSON.stringify(p)).not.toContain("boom");
  });

  it("logs one line per request with method, route, status, duration and id, never the body", async () => {
    await echo(post(JSON.stringify({ name: "abc", value: SECRET }), { "content-type": "application/json", "x-request-id": "r-1" }), ctx({ id: "42" }));
    // A write also logs its audit intent and outcome (msg "audit"); one request line.
    const requestLines = lines.filter((l) => JSON.parse(l).msg === "request");
    expect(requestLines).toHaveLength(1);
    expect(lines.filter((l) => JSON.parse(l).msg === "audit")).toHaveLength(2);
    const line = JSON.parse(requestLines[0]!);
    expect(line).toMatchObject({ msg: "request", method: "POST", route: "/api/things", status: 200, requestId: "r-1" });
    expect(typeof line.durationMs).toBe("number");
    expect(lines.join("")).not.toContain(SECRET);
  });

  it("json() strips fields outside the response schema", async () => {
    const res = json(z.object({ name: z.string() }), { name: "a", value: SECRET } as { name: string });
    expect(await res.text()).toBe('{"name":"a"}');
  });

  it("puts the API's security headers on every answer, errors included; HSTS only when the request came over HTTPS", async () => {
    const ok = await echo(post(JSON.stringify({ name: "abc", value: "v" })), ctx({ id: "42" }));
    const bad = await echo(post("{"), ctx({ id: "42" }));
    for (const res of [ok, bad]) {
      expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    const viaTls = await echo(post(JSON.stringify({ name: "abc", value: "v" }),
      { "content-type": "application/json", "x-forwarded-proto": "https" }), ctx({ id: "42" }));
    expect(viaTls.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
  });
});
