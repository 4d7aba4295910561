import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { API, startTestVault, type TestVault } from "./testing/fixtures";

let t: TestVault;
beforeAll(async () => {
  t = await startTestVault();
  await t.client.call("PUT", `/secrets/flaky?${API}`, { body: { value: "v" } });
  await t.client.call("PUT", `/secrets/steady?${API}`, { body: { value: "v" } });
});
afterAll(async () => { await t.stop(); });
beforeEach(async () => {
  await t.client.call("DELETE", "/_stack/faults");
  await t.client.call("PUT", "/_stack/latency", { body: { ms: 0 } });
});

const get = (name: string) => t.client.call("GET", `/secrets/${name}?${API}`);

describe("test hooks", () => {
  it("need a valid vault token, but no role", async () => {
    const anonymous = await t.client.call("GET", "/_stack/stats", { as: null });
    expect([anonymous.status, anonymous.json.error.code]).toEqual([401, "Unauthorized"]);
    expect((await t.client.call("GET", "/_stack/stats", { as: "nobody" })).status).toBe(200);
  });

  it("inject a fault for the next matching calls, in Azure's error shape", async () => {
    const posted = await t.client.call("POST", "/_stack/faults", {
      body: { match: { method: "GET", path: "^/secrets/flaky" }, status: 503, times: 2 } });
    expect(posted.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const r = await get("flaky");
      expect(r.status).toBe(503);
      expect(r.json.error.code).toBe("ServiceUnavailable");
      expect(r.json.error.message).toMatch(/test hook/);
    }
    expect((await get("steady")).status).toBe(200);
    expect((await get("flaky")).status).toBe(200);
  });

  it("match route templates too, and keep a fault without `times` until cleared", async () => {
    await t.client.call("POST", "/_stack/faults", { body: { match: { path: "\\{name\\}$" }, status: 500 } });
    expect((await get("steady")).status).toBe(500);
    expect((await get("flaky")).status).toBe(500);
    expect((await t.client.call("GET", `/secrets?${API}`)).status).toBe(200);
    expect((await t.client.call("DELETE", "/_stack/faults")).status).toBe(204);
    expect((await get("steady")).status).toBe(200);
  });

  it("send Retry-After with an injected 429", async () => {
    await t.client.call("POST", "/_stack/faults", { body: { status: 429, times: 1 } });
    const r = await get("steady");
    expect([r.status, r.headers["retry-after"], r.json.error.code]).toEqual([429, "1", "Throttled"]);
  });

  it("add latency to every call", async () => {
    expect((await t.client.call("PUT", "/_stack/latency", { body: { ms: 150 } })).json).toEqual({ ms: 150 });
    const started = performance.now();
    await get("steady");
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it("count calls by method and route template", async () => {
    expect((await t.client.call("DELETE", "/_stack/stats")).status).toBe(204);
    await get("steady");
    await get("flaky");
    await t.client.call("GET", `/secrets/flaky/?${API}`);
    await t.client.call("PUT", `/secrets/counted?${API}`, { body: { value: "v" } });
    await t.client.call("GET", `/secrets?${API}`);
    const stats = await t.client.call("GET", "/_stack/stats");
    expect(stats.json).toEqual({ total: 5, byRoute: { "GET /secrets/{name}": 3, "PUT /secrets/{name}": 1, "GET /secrets": 1 } });
  });

  it("reset the connection after committing a matching call (mode reset-after-commit)", async () => {
    const posted = await t.client.call("POST", "/_stack/faults", {
      body: { match: { method: "PUT", path: "^/secrets/reset-me$" }, mode: "reset-after-commit", times: 1 } });
    expect(posted.status).toBe(201);
    const put = t.client.call("PUT", `/secrets/reset-me?${API}`, { body: { value: "written-once" } });
    await expect(put).rejects.toMatchObject({ code: "ECONNRESET" });
    const got = await get("reset-me");
    expect([got.status, got.json.value]).toEqual([200, "written-once"]);
    const versions = await t.client.call("GET", `/secrets/reset-me/versions?${API}`);
    expect(versions.json.value).toHaveLength(1);
    // Used up: the next write is answered.
    expect((await t.client.call("PUT", `/secrets/reset-me?${API}`, { body: { value: "second" } })).status).toBe(200);
  });

  it("reset after a call that fails too: the answer is dropped whatever it was", async () => {
    await t.client.call("POST", "/_stack/faults", { body: { match: { path: "missing" }, mode: "reset-after-commit" } });
    await expect(get("missing")).rejects.toMatchObject({ code: "ECONNRESET" });
    expect((await get("steady")).status).toBe(200);
  });

  it("refuse malformed hook requests with 400 and a message naming the field", async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ["POST", "/_stack/faults", { status: 200 }, /'status'/],
      ["POST", "/_stack/faults", { match: { path: "(" }, status: 503 }, /'match\.path'.*regular expression/],
      ["POST", "/_stack/faults", { match: { verb: "GET" }, status: 503 }, /'match'/],
      ["POST", "/_stack/faults", { status: 503, times: 0 }, /'times'/],
      ["POST", "/_stack/faults", { match: {} }, /'status'/],
      ["POST", "/_stack/faults", { status: 503, mode: "drop" }, /'mode'/],
      ["PUT", "/_stack/latency", { ms: -1 }, /'ms'/],
      ["PUT", "/_stack/latency", { ms: "slow" }, /'ms'/],
    ];
    for (const [method, path, body, message] of cases) {
      const r = await t.client.call(method, path, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.message).toMatch(message);
    }
    const notJson = await t.client.call("PUT", "/_stack/latency", { raw: "{ms:" });
    expect([notJson.status, notJson.json.error.message]).toEqual([400, "The request body is not valid JSON."]);
    expect((await t.client.call("GET", "/_stack/nothing")).status).toBe(404);
    expect((await t.client.call("PATCH", "/_stack/stats")).status).toBe(405);
  });
});
