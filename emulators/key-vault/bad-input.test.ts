import { connect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, startTestVault, type TestVault } from "./testing/fixtures";

let t: TestVault;
beforeAll(async () => {
  t = await startTestVault();
  await t.client.call("PUT", `/secrets/ok?${API}`, { body: { value: "target" } });
  await t.client.call("PUT", `/secrets/untouched?${API}`, { body: { value: "intact", tags: { a: "b" } } });
});
afterAll(async () => { await t.stop(); });

interface Case { method: string; path: string; raw?: string; body?: unknown; token?: string; headers?: Record<string, string> }

const NAMES = ["bad_name", "a.b", "a%20b", "%00", "x".repeat(128), "%C3%BC", "..", "%2e%2e", "a%2Fb", "%E0%A4%A",
  "%", "a%zz", "%3Cscript%3E", "-".repeat(200)];
const BAD_JSON = ["", "{", "nul", "[]", "123", "\"text\"", "{\"value\":", "{'value':'x'}", "\u0000\u0001", "{\"value\":\"x\"}}",
  "null", "true"];
const WRONG_TYPES: unknown[] = [
  { value: 1 }, { value: null }, { value: {} }, { value: ["x"] }, { value: true }, {},
  { value: "x", contentType: 5 }, { value: "x", contentType: "c".repeat(300) }, { value: "x", attributes: "on" },
  { value: "x", attributes: [] }, { value: "x", attributes: { enabled: "yes" } }, { value: "x", attributes: { exp: "2030" } },
  { value: "x", attributes: { nbf: -5 } }, { value: "x", attributes: { exp: 1e20 } }, { value: "x", attributes: { exp: {} } },
  { value: "x", tags: [] }, { value: "x", tags: "t" }, { value: "x", tags: { a: 1 } }, { value: "x", tags: { a: null } },
  { value: "x", tags: { "": "v" } }, { value: "x", tags: { ["k".repeat(300)]: "v" } }, { value: "x", tags: { k: "v".repeat(300) } },
  { value: "x", tags: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`t${i}`, "v"])) },
  { value: "x".repeat(30_000) }, { value: "é".repeat(13_000) },
];
const VERSIONS = ["", "1.0", "7.7", "8.0", "2025-07-02", "7.6-previewX", "abc", "7", "%00", "7.6 "];
const PATHS = ["/", "/secrets/a/b/c", "/keys", "/certificates/x", "/secrets/x/versions/y", "/deletedsecrets/x/recover/y",
  "/_stack/x", "//secrets", "/%", "/secrets/ok/versions/", "/deletedsecrets/", "/.." ];

function cases(): Case[] {
  const list: Case[] = [];
  for (const n of NAMES) {
    for (const method of ["GET", "PUT", "PATCH", "DELETE"]) list.push({ method, path: `/secrets/${n}?${API}`, body: { value: "x" } });
    list.push({ method: "GET", path: `/secrets/${n}/versions?${API}` });
    list.push({ method: "GET", path: `/deletedsecrets/${n}?${API}` }, { method: "DELETE", path: `/deletedsecrets/${n}?${API}` },
      { method: "POST", path: `/deletedsecrets/${n}/recover?${API}` });
  }
  for (const raw of BAD_JSON) {
    list.push({ method: "PUT", path: `/secrets/ok?${API}`, raw }, { method: "PATCH", path: `/secrets/ok/?${API}`, raw });
  }
  for (const body of WRONG_TYPES) {
    list.push({ method: "PUT", path: `/secrets/ok?${API}`, body });
    if (typeof body === "object" && body && !("value" in body && typeof body.value === "string" && body.value.length > 1)) {
      list.push({ method: "PATCH", path: `/secrets/ok/?${API}`, body });
    }
  }
  list.push({ method: "PUT", path: `/secrets/ok?${API}`, raw: `{"value":"${"x".repeat(1_100_000)}"}` },
    { method: "PATCH", path: `/secrets/ok/?${API}`, raw: "x".repeat(2_000_000) },
    { method: "POST", path: `/_stack/faults`, raw: "x".repeat(200_000) });
  for (const v of VERSIONS) {
    for (const p of ["/secrets", "/secrets/ok", "/deletedsecrets", "/secrets/ok/versions"]) {
      list.push({ method: "GET", path: `${p}?api-version=${v}` });
    }
    list.push({ method: "PUT", path: `/secrets/ok?api-version=${v}`, body: { value: "x" } });
  }
  for (const p of PATHS) {
    for (const method of ["GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]) list.push({ method, path: `${p}?${API}` });
  }
  for (const q of ["maxresults=0", "maxresults=26", "maxresults=-1", "maxresults=abc", "maxresults=1e1", "$skiptoken=%%%",
    "$skiptoken=e30", "$skiptoken=" + "A".repeat(5000), "api-version=7.6&api-version=9", "maxresults="]) {
    list.push({ method: "GET", path: `/secrets?${API}&${q}` }, { method: "GET", path: `/deletedsecrets?${API}&${q}` });
  }
  for (const authorization of ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer a.b.c", "Bearer a b", "PoP x",
    "Bearer " + "x".repeat(8000), "Bearer eyJhbGciOiJub25lIn0.eyJvaWQiOiJvZmZpY2VyIn0."]) {
    list.push({ method: "GET", path: `/secrets/ok?${API}`, headers: { authorization } });
  }
  return list;
}

/** Writes raw bytes on a TLS connection and returns what came back (status line + body). */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, ca: t.tls.ca, servername: "localhost" }, () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
    setTimeout(() => { socket.destroy(); resolve(Buffer.concat(chunks).toString("utf8")); }, 3000);
  });
}

describe("malformed requests", () => {
  it("get a 4xx with Azure's error body, never a 5xx, and the vault keeps answering", async () => {
    const all = cases();
    expect(all.length).toBeGreaterThanOrEqual(300);
    const failures: string[] = [];
    for (let i = 0; i < all.length; i += 16) {
      await Promise.all(all.slice(i, i + 16).map(async (c) => {
        const r = await t.client.call(c.method, c.path, { body: c.body, raw: c.raw, headers: c.headers });
        const label = `${c.method} ${c.path.slice(0, 80)} ${c.raw?.slice(0, 20) ?? JSON.stringify(c.body ?? "").slice(0, 60)}`;
        if (r.status >= 500) failures.push(`${label} → ${r.status}`);
        if (r.status >= 400 && (typeof r.json?.error?.code !== "string" || !r.json.error.message)) {
          failures.push(`${label} → ${r.status} without an Azure error body: ${r.text.slice(0, 80)}`);
        }
      }));
    }
    expect(failures).toEqual([]);

    for (const text of ["FOO /secrets HTTP/1.1\r\nHost: x\r\n\r\n", "GET /secrets HTTP/1.1\r\nBad Header\r\n\r\n",
      "GET /secrets?api-version=7.6 HTTP/9.9\r\n\r\n"]) {
      const answer = await rawRequest(t.vault.port, text);
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(answer).toContain('"error":{"code":"BadParameter"');
    }

    const still = await t.client.call("GET", `/secrets/untouched?${API}`);
    expect(still.json).toMatchObject({ value: "intact", tags: { a: "b" } });
  });
});
