import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { auditListInput } from "@/lib/schemas/audit";
import { memoryAuditLog } from "@/server/auth/testing/memory-audit-log";
import { startTestIssuer, unsignedToken, type TestIssuer } from "@/server/auth/testing/test-issuer";
import { AppError } from "@/server/errors";

/**
 * The route wrapper's sign-in, role and audit behaviour with real tokens (signed by a test issuer, checked against
 * its JWKS): what every /api route gets. The per-route matrix against the identity stand-in is in e2e/auth-matrix.
 */
let issuer: TestIssuer;
const audit = memoryAuditLog();
// The real verifier (built by the wiring from the mocked configuration); the audit log in memory.
vi.mock("@/server/wiring", async (importActual) => ({
  ...(await importActual<typeof import("@/server/wiring")>()), auditLog: () => audit,
}));
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
  audit.clear();
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
  /** What the Activity page shows, oldest first: an intent joined with its outcome is one item. */
  const items = async () => (await audit.list(auditListInput.parse({}))).items.reverse();
  const phases = () => audit.entries.map((e) => ("phase" in e ? e.phase : "entry"));

  it("records the intent before the handler runs and the outcome after: one item with who, what, which resource, outcome and request id — never the value", async () => {
    let seenByHandler: string[] = [];
    const spy = route({ role: "operator", params: z.object({ name: z.string() }), body: z.object({ value: z.string() }),
      audit: { action: "test-secret.create", resources: (p) => [`secrets/${p.name}`] } }, () => {
      seenByHandler = phases();
      return new Response(null, { status: 201 });
    });
    await call(spy, await operator(), { method: "PUT", body: { value: SECRET }, params: { name: "db" } });
    expect(seenByHandler).toEqual(["intent"]);
    expect(phases()).toEqual(["intent", "outcome"]);
    const [intent, outcome] = audit.entries;
    expect(outcome).toMatchObject({ intentId: intent!.id, requestId: intent!.requestId, outcome: "succeeded", status: 201 });
    expect(await items()).toEqual([{ id: intent!.id, time: intent!.time, requestId: intent!.requestId,
      actor: { oid: "oid-olivia", name: "Olivia Operator", kind: "user" }, action: "test-secret.create",
      resources: ["secrets/db"], outcome: "succeeded", status: 201 }]);
    expect(JSON.stringify(audit.entries)).not.toContain(SECRET);
  });

  it("names in the intent what the validated body names, through the route's intent function", async () => {
    const save = route({ role: "operator", params: z.object({ name: z.string() }),
      body: z.object({ vaultSecret: z.string(), value: z.string() }),
      audit: { action: "test-device.update", resources: (p) => [`devices/${p.name}`],
        intent: (_p, b) => [`keyvault/secrets/${b.vaultSecret}`] } }, () => new Response(null, { status: 200 }));
    await call(save, await operator(), { method: "PUT", params: { name: "line-1" }, body: { vaultSecret: "line-1-password", value: SECRET } });
    expect(audit.entries[0]).toMatchObject({ phase: "intent", resources: ["devices/line-1", "keyvault/secrets/line-1-password"] });
    expect(JSON.stringify(audit.entries)).not.toContain(SECRET);
  });

  it("records a refused write as one denied entry (no intent: nothing ran) and a failed one with its problem and upstream code", async () => {
    await call(create, await reader(), { method: "PUT", body: { value: SECRET }, params: { name: "db" } });
    await call(failing, await operator(), { method: "POST", params: { name: "db" } });
    expect(phases()).toEqual(["entry", "intent", "outcome"]);
    expect((await items()).map((e) => [e.outcome, e.status, e.problem, e.upstreamCode ?? null])).toEqual([
      ["denied", 403, "forbidden", null], ["failed", 503, "upstream", "ServiceUnavailable"]]);
    expect((await items())[1]!.action).toBe("POST /api/test/s1"); // no action name: method and path
    expect(JSON.stringify(audit.entries)).not.toContain(SECRET);
  });

  it("records a write whose request did not validate as one failed entry, without running it", async () => {
    const res = await call(create, await operator(), { method: "PUT", body: { value: 5 }, params: { name: "db" } });
    expect(res.status).toBe(400);
    expect(phases()).toEqual(["entry"]);
    expect((await items()).map((e) => [e.outcome, e.status, e.problem])).toEqual([["failed", 400, "bad-request"]]);
  });

  it("lists every resource the handler touched, after the params-derived ones, once each", async () => {
    const save = route({ role: "operator", params: z.object({ name: z.string() }),
      audit: { action: "test-device.update", resources: (p) => [`devices/${p.name}`] } }, ({ touched }) => {
      touched(["keyvault/secrets/line-1-password", "devices/line-1"]);
      touched(["secretsyncs/line-1-opcua"]);
      return new Response(null, { status: 200 });
    });
    await call(save, await operator(), { method: "PUT", params: { name: "line-1" } });
    expect(audit.entries[1]!.resources).toEqual(["devices/line-1", "keyvault/secrets/line-1-password", "secretsyncs/line-1-opcua"]);
    expect((await items())[0]!.resources).toEqual(["devices/line-1", "keyvault/secrets/line-1-password", "secretsyncs/line-1-opcua"]);
  });

  it("keeps what a handler touched before it failed, and names the path only when nothing else is named", async () => {
    const partly = route({ role: "operator" }, ({ touched }) => {
      touched(["keyvault/secrets/new-one"]);
      throw new AppError("upstream", "The cluster failed", { upstream: { service: "kubernetes", code: "InternalError" } });
    });
    const unnamed = route({ role: "operator" }, () => new Response(null, { status: 204 }));
    await call(partly, await operator(), { method: "POST" });
    await call(unnamed, await operator(), { method: "POST" });
    expect((await items()).map((e) => [e.outcome, e.resources])).toEqual([
      ["failed", ["keyvault/secrets/new-one"]], ["succeeded", ["/api/test/s1"]]]);
  });

  it("with `each`, records one intent and one outcome per name, each with its own result; an unreported one takes the answer's", async () => {
    const bulk = route({ role: "operator", body: z.object({ names: z.array(z.string()) }),
      audit: { action: "test-thing.delete", intent: (_p, b) => b.names.map((n) => `things/${n}`), each: true } }, ({ itemOutcome }) => {
      itemOutcome("things/a", { status: 204, touched: ["things/a", "classes/default"] });
      itemOutcome("things/b", { status: 409, failure: new AppError("conflict", "In use.") });
      itemOutcome("things/c", { status: 403, failure: new AppError("forbidden", "A system one.") });
      return Response.json({ ok: true });
    });
    await callAt(bulk, await operator(), { url: "http://127.0.0.1/api/test/delete" }, { names: ["a", "b", "c", "d"] });
    expect(phases()).toEqual(["intent", "intent", "intent", "intent", "outcome", "outcome", "outcome", "outcome"]);
    const byResource = Object.fromEntries((await items()).map((e) => [e.resources[0], [e.outcome, e.status, e.problem ?? null, e.resources]]));
    expect(byResource).toEqual({
      "things/a": ["succeeded", 204, null, ["things/a", "classes/default"]],
      "things/b": ["failed", 409, "conflict", ["things/b"]],
      "things/c": ["denied", 403, "forbidden", ["things/c"]],
      "things/d": ["succeeded", 200, null, ["things/d"]],
    });
    expect(new Set((await items()).map((e) => e.requestId)).size).toBe(1);
  });

  describe("dry runs", () => {
    const dryRunnable = route({ role: "operator", query: z.object({ dryRun: z.literal("All").optional() }),
      body: z.object({ value: z.string() }), audit: { action: "test-secret.save" } },
    ({ query, body }) => {
      if (body.value === "taken") throw new AppError("conflict", "Taken.");
      return new Response(null, { status: query.dryRun ? 200 : 201 });
    });
    const at = (query: string) => ({ url: `http://127.0.0.1/api/test/s1${query}` });

    it("records neither intent nor entry for a permitted dry run, and both for the real write", async () => {
      expect((await callAt(dryRunnable, await operator(), at("?dryRun=All"), { value: SECRET })).status).toBe(200);
      expect(audit.entries).toEqual([]);
      expect((await callAt(dryRunnable, await operator(), at(""), { value: SECRET })).status).toBe(201);
      expect(phases()).toEqual(["intent", "outcome"]);
      expect((await items()).map((e) => [e.action, e.outcome])).toEqual([["test-secret.save", "succeeded"]]);
    });

    it("records a refused (403), invalid (400) or failed (409) dry run as one entry, with no intent", async () => {
      expect((await callAt(dryRunnable, await reader(), at("?dryRun=All"), { value: SECRET })).status).toBe(403);
      expect((await callAt(dryRunnable, await operator(), at("?dryRun=All"), { value: 5 })).status).toBe(400);
      expect((await callAt(dryRunnable, await operator(), at("?dryRun=All"), { value: "taken" })).status).toBe(409);
      expect(phases()).toEqual(["entry", "entry", "entry"]);
      expect((await items()).map((e) => [e.outcome, e.status])).toEqual([["denied", 403], ["failed", 400], ["failed", 409]]);
    });

    it("records an intent for a route whose query does not know dryRun", async () => {
      const plain = route({ role: "operator" }, () => new Response(null, { status: 204 }));
      await callAt(plain, await operator(), at("?dryRun=All"), undefined);
      expect(phases()).toEqual(["intent", "outcome"]);
    });
  });

  it("records no read, and no unauthenticated attempt", async () => {
    await call(read, await operator());
    await call(create, null, { method: "PUT", body: { value: SECRET }, params: { name: "db" } });
    expect(audit.entries).toEqual([]);
  });
});
