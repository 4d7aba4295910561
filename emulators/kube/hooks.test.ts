import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKube, type TestKube } from "./testing/kube-fixtures";

let t: TestKube;
beforeAll(async () => {
  t = await startTestKube();
  await t.namespace("hk");
});
afterAll(async () => { await t.stop(); });

describe("/_stack/ test hooks", () => {
  it("need the kubeconfig's token", async () => {
    const r = await t.call("GET", "/_stack/stats", { token: "nope" });
    expect(r.status).toBe(401);
    expect(r.json.reason).toBe("Unauthorized");
  });

  it("inject faults answered as Kubernetes Status objects, for the given number of calls", async () => {
    const add = await t.call("POST", "/_stack/faults", { body: { match: { method: "GET", path: "/secrets" }, status: 503, times: 1 } });
    expect(add.status).toBe(201);
    const failed = await t.call("GET", "/api/v1/namespaces/hk/secrets");
    expect(failed.status).toBe(503);
    expect(failed.json).toMatchObject({ kind: "Status", status: "Failure", reason: "ServiceUnavailable", code: 503 });
    expect((await t.call("GET", "/api/v1/namespaces/hk/secrets")).status).toBe(200);
    await t.call("POST", "/_stack/faults", { body: { match: { path: "configmaps" }, status: 429 } });
    const throttled = await t.call("GET", "/api/v1/namespaces/hk/configmaps");
    expect(throttled.status).toBe(429);
    expect(throttled.headers["retry-after"]).toBe("1");
    expect(throttled.json).toMatchObject({ reason: "TooManyRequests", details: { retryAfterSeconds: 1 } });
    expect((await t.call("DELETE", "/_stack/faults")).status).toBe(204);
    expect((await t.call("GET", "/api/v1/namespaces/hk/configmaps")).status).toBe(200);
  });

  it("count calls by route template, watches as WATCH", async () => {
    await t.call("DELETE", "/_stack/stats");
    await t.call("GET", "/api/v1/namespaces/hk/secrets");
    await t.call("POST", "/api/v1/namespaces/hk/secrets", { body: { metadata: { name: "s" } } });
    await t.call("GET", "/api/v1/namespaces/hk/secrets/s");
    await t.call("GET", "/api/v1/namespaces/hk/secrets?watch=true&timeoutSeconds=1");
    const stats = (await t.call("GET", "/_stack/stats")).json;
    expect(stats.byRoute).toEqual({
      "GET /api/v1/namespaces/{namespace}/secrets": 1, "POST /api/v1/namespaces/{namespace}/secrets": 1,
      "GET /api/v1/namespaces/{namespace}/secrets/{name}": 1, "WATCH /api/v1/namespaces/{namespace}/secrets": 1,
    });
    expect(stats.total).toBe(4);
  });

  it("add latency to every call", async () => {
    await t.call("PUT", "/_stack/latency", { body: { ms: 150 } });
    const started = Date.now();
    await t.call("GET", "/api/v1/namespaces/hk/secrets");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await t.call("PUT", "/_stack/latency", { body: { ms: 0 } });
  });

  it("refuse a malformed fault with a 400 Status naming the field", async () => {
    const r = await t.call("POST", "/_stack/faults", { body: { status: 200 } });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ kind: "Status", reason: "BadRequest", message: expect.stringContaining("status") });
  });

  it("refuse mode reset-after-commit, which only the Key Vault stand-in honours, rather than never apply it", async () => {
    const r = await t.call("POST", "/_stack/faults", { body: { match: { method: "POST" }, mode: "reset-after-commit" } });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ kind: "Status", reason: "BadRequest", message: expect.stringMatching(/'mode'.*reset-after-commit/) });
    expect((await t.call("GET", "/_stack/faults")).json).toEqual({ faults: [] });
  });
});
