import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { memoryAuditLog } from "@/server/auth/testing/memory-audit-log";
import { startTestIssuer, unsignedToken, type TestIssuer } from "@/server/auth/testing/test-issuer";
import { AppError } from "@/server/errors";

/**
 * The route wrapper's sign-in, role and audit behaviour with real tokens (signed by a test issuer, checked against
 * its JWKS): what every /api route gets. The per-route matrix against the identity stand-in is in e2e/auth-matrix.
 */
let issuer: TestIssuer;
const audit = memoryAuditLog();
vi.mock("@/server/audit/current", () => ({ auditLog: () => audit }));
vi.mock("@/server/config/env", () => ({
  getConfig: () => ({
    logLevel: "silent",
    auth: { authority: issuer.authority, audiences: [issuer.audience], spaClientId: "spa", apiScope: `${issuer.audience}/access_as_user` },
  }),
}));

const { route } = await import("./route");

const SECRET = "hunter2-Secret-Value-9731";
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

const read = route({}, () => Response.json({ ok: true }));
const create = route({ role: "operator", params: z.object({ name: z.string() }), body: z.object({ value: z.string() }),
  audit: { action: "test-secret.create", resources: (p) => [`secrets/${p.name}`] } }, () => new Response(null, { status: 201 }));
const failing = route({ role: "operator", params: z.object({ name: z.string() }) }, () => {
  throw new AppError("upstream", "Key Vault failed", { upstream: { service: "key-vault", code: "ServiceUnavailable", status: 503 } });
});
const publicRoute = route({ public: true }, () => Response.json({ ok: true }));

const reader = () => issuer.mint({ roles: ["Secrets.Reader"], scp: "access_as_user", name: "Rudy Reader", oid: "oid-rudy" });
const operator = () => issuer.mint({ roles: ["Secrets.Operator"], scp: "access_as_user", name: "Olivia Operator", oid: "oid-olivia" });

function call(handler: typeof read, token: string | null, init: { method?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const req = new Request("http://127.0.0.1/api/test/s1", {
    method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(req, ctx(init.params ?? {}));
}

/** A POST to a given URL (query included). */
function callAt(handler: typeof read, token: string, where: { url: string }, body: unknown) {
  return handler(new Request(where.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body) }), ctx({}));
}

beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(() => issuer.close());
beforeEach(() => {
  audit.entries.length = 0;
});

describe("route(): sign-in and roles", () => {
  it("answers a request without a token with 401 problem+json and a Bearer challenge", async () => {
    const res = await call(read, null);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="ops-portal"/);
    expect(res.headers.get("www-authenticate")).not.toContain("error=");
    expect(await res.json()).toMatchObject({ type: "/problems/unauthenticated", status: 401 });
  });

  it("says invalid_token for a bad one (expired, forged, alg none)", async () => {
    for (const token of [await issuer.mint({ exp: Math.floor(Date.now() / 1000) - 600 }), await issuer.mint({}, { key: issuer.otherKey }),
      unsignedToken({ tid: issuer.tenantId, oid: "x", roles: ["Secrets.Operator"] }), "Basic abc"]) {
      const res = await call(read, token);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
  });

  it("lets a reader read, and answers a reader's write with 403 naming the operator role", async () => {
    expect((await call(read, await reader())).status).toBe(200);
    const res = await call(create, await reader(), { method: "PUT", body: { value: SECRET }, params: { name: "db" } });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toMatch(/"Secrets operator" app role \(Secrets\.Operator\)/);
  });

  it("refuses a signed-in caller with neither role (403 naming the reader role)", async () => {
    const res = await call(read, await issuer.mint({ scp: "access_as_user" }));
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toMatch(/Secrets\.Reader/);
  });

  it("lets an operator read and write", async () => {
    expect((await call(read, await operator())).status).toBe(200);
    expect((await call(create, await operator(), { method: "PUT", body: { value: SECRET }, params: { name: "db" } })).status).toBe(201);
  });

  it("serves a public route without a token", async () => {
    expect((await call(publicRoute, null)).status).toBe(200);
  });
});

describe("route(): audit of writes", () => {
  it("records who, what, which resource, outcome and request id for a write — never the value", async () => {
    await call(create, await operator(), { method: "PUT", body: { value: SECRET }, params: { name: "db" } });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ actor: { oid: "oid-olivia", name: "Olivia Operator", kind: "user" },
      action: "test-secret.create", resources: ["secrets/db"], outcome: "succeeded", status: 201 });
    expect(audit.entries[0]!.requestId).toMatch(/.+/);
    expect(JSON.stringify(audit.entries)).not.toContain(SECRET);
  });

  it("records a refused write as denied and a failed one with its problem and upstream code", async () => {
    await call(create, await reader(), { method: "PUT", body: { value: SECRET }, params: { name: "db" } });
    await call(failing, await operator(), { method: "POST", params: { name: "db" } });
    expect(audit.entries.map((e) => [e.outcome, e.status, e.problem, e.upstreamCode ?? null])).toEqual([
      ["denied", 403, "forbidden", null], ["failed", 503, "upstream", "ServiceUnavailable"]]);
    expect(audit.entries[1]!.action).toBe("POST /api/test/s1"); // no action name: method and path
    expect(JSON.stringify(audit.entries)).not.toContain(SECRET);
  });

  it("lists every resource the handler touched, after the params-derived ones, once each", async () => {
    const save = route({ role: "operator", params: z.object({ name: z.string() }),
      audit: { action: "test-device.update", resources: (p) => [`devices/${p.name}`] } }, ({ touched }) => {
      touched(["keyvault/secrets/line-1-password", "devices/line-1"]);
      touched(["secretsyncs/line-1-opcua"]);
      return new Response(null, { status: 200 });
    });
    await call(save, await operator(), { method: "PUT", params: { name: "line-1" } });
    expect(audit.entries[0]!.resources).toEqual(["devices/line-1", "keyvault/secrets/line-1-password", "secretsyncs/line-1-opcua"]);
  });

  it("keeps what a handler touched before it failed, and names the path only when nothing else is named", async () => {
    const partly = route({ role: "operator" }, ({ touched }) => {
      touched(["keyvault/secrets/new-one"]);
      throw new AppError("upstream", "The cluster failed", { upstream: { service: "kubernetes", code: "InternalError" } });
    });
    const unnamed = route({ role: "operator" }, () => new Response(null, { status: 204 }));
    await call(partly, await operator(), { method: "POST" });
    await call(unnamed, await operator(), { method: "POST" });
    expect(audit.entries.map((e) => [e.outcome, e.resources])).toEqual([
      ["failed", ["keyvault/secrets/new-one"]], ["succeeded", ["/api/test/s1"]]]);
  });

  describe("dry runs", () => {
    const dryRunnable = route({ role: "operator", query: z.object({ dryRun: z.literal("All").optional() }),
      body: z.object({ value: z.string() }), audit: { action: "test-secret.save" } },
    ({ query }) => new Response(null, { status: query.dryRun ? 200 : 201 }));
    const at = (query: string) => ({ url: `http://127.0.0.1/api/test/s1${query}` });

    it("does not audit a permitted dry run, and audits the real write", async () => {
      expect((await callAt(dryRunnable, await operator(), at("?dryRun=All"), { value: SECRET })).status).toBe(200);
      expect(audit.entries).toEqual([]);
      expect((await callAt(dryRunnable, await operator(), at(""), { value: SECRET })).status).toBe(201);
      expect(audit.entries.map((e) => [e.action, e.outcome])).toEqual([["test-secret.save", "succeeded"]]);
    });

    it("audits a refused dry run (403) and one that failed (400) like any write", async () => {
      expect((await callAt(dryRunnable, await reader(), at("?dryRun=All"), { value: SECRET })).status).toBe(403);
      expect((await callAt(dryRunnable, await operator(), at("?dryRun=All"), { value: 5 })).status).toBe(400);
      expect(audit.entries.map((e) => [e.outcome, e.status])).toEqual([["denied", 403], ["failed", 400]]);
    });

    it("audits a 2xx answer of a route whose query does not know dryRun", async () => {
      const plain = route({ role: "operator" }, () => new Response(null, { status: 204 }));
      await callAt(plain, await operator(), at("?dryRun=All"), undefined);
      expect(audit.entries).toHaveLength(1);
    });
  });

  it("records no read, and no unauthenticated attempt", async () => {
    await call(read, await operator());
    await call(create, null, { method: "PUT", body: { value: SECRET }, params: { name: "db" } });
    expect(audit.entries).toEqual([]);
  });
});
