import { createHttpHeaders, RestError, type HttpClient, type PipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { AppError, problemBody } from "@/server/errors";
import { createKeyVaultAdapter } from "./key-vault";

/**
 * The real SDK against canned Key Vault answers (its `httpClient` option): checks our reshaping and that the
 * SDK's own errors map to the right AppError. The local stack's conformance tests cover the wire for real.
 */

const VAULT = "https://kv.example.test/";
const SECRET = "s3cr3t-Value-4242";
const CONFIG = {
  keyVault: { url: VAULT, name: "kv", disableChallengeResourceVerification: true, indexRefreshSeconds: 60 },
  azure: { tenantId: "tenant", clientId: undefined, clientSecret: undefined, authorityHost: "https://login.example.test",
    disableInstanceDiscovery: true },
};
type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

function adapterAnswering(answer: (req: PipelineRequest) => Answer) {
  const seen: string[] = [];
  const httpClient: HttpClient = {
    async sendRequest(request) {
      if (!request.headers.get("authorization")) {
        return { request, status: 401, bodyAsText: "", headers: createHttpHeaders({ "www-authenticate":
          'Bearer authorization="https://login.example.test/tenant", resource="https://vault.azure.net"' }) };
      }
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      const a = answer(request);
      if (a instanceof Error) throw a;
      return { request, status: a.status, bodyAsText: a.body === undefined ? "" : JSON.stringify(a.body),
        headers: createHttpHeaders({ "content-type": "application/json", ...a.headers }) };
    },
  };
  const credential = { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) };
  const adapter = createKeyVaultAdapter(CONFIG, credential, { httpClient });
  return { adapter, seen };
}

const attrs = { enabled: true, created: 1764072000, updated: 1764072600 };
const kvError = (status: number, code: string, inner?: string, headers?: Record<string, string>): Answer =>
  ({ status, headers, body: { error: { code, message: "Key Vault says no", ...(inner && { innererror: { code: inner } }) } } });

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("Key Vault adapter", () => {
  it("lists secret properties page by page, following nextLink, as our type", async () => {
    const { adapter } = adapterAnswering((req) => {
      const skip = new URL(req.url).searchParams.get("$skiptoken");
      return skip
        ? { status: 200, body: { value: [{ id: `${VAULT}secrets/c`, attributes: { ...attrs, enabled: false } }], nextLink: null } }
        : { status: 200, body: { value: [
            { id: `${VAULT}secrets/a`, contentType: "password", attributes: { ...attrs, exp: 1767225600 }, tags: { env: "prod" } },
            { id: `${VAULT}secrets/b`, attributes: attrs }],
          nextLink: `${VAULT}secrets?api-version=2025-07-01&$skiptoken=2&maxresults=2` } };
    });
    const pages = [];
    for await (const page of adapter.secretPages(2)) pages.push(page);
    expect(pages.map((p) => p.map((s) => s.name))).toEqual([["a", "b"], ["c"]]);
    expect(pages[0]![0]).toEqual({ name: "a", contentType: "password", enabled: true,
      createdOn: "2025-11-25T12:00:00.000Z", updatedOn: "2025-11-25T12:10:00.000Z", expiresOn: "2026-01-01T00:00:00.000Z",
      notBefore: null, tags: { env: "prod" } });
    expect(pages[1]![0]!.enabled).toBe(false);
  });

  it("sets a secret and answers its properties without the value", async () => {
    const { adapter } = adapterAnswering(() => ({ status: 200, body: { value: SECRET, id: `${VAULT}secrets/db-pass/0123abcd`,
      contentType: "text/plain", attributes: attrs, tags: { a: "b" } } }));
    const summary = await adapter.setSecret({ name: "db-pass", value: SECRET, contentType: "text/plain", tags: { a: "b" } });
    expect(summary).toMatchObject({ name: "db-pass", contentType: "text/plain", tags: { a: "b" } });
    expect(JSON.stringify(summary)).not.toContain(SECRET);
  });

  it("reads a disabled secret's properties from its versions (Key Vault refuses its value)", async () => {
    const { adapter, seen } = adapterAnswering((req) => req.url.includes("/versions")
      ? { status: 200, body: { value: [
          { id: `${VAULT}secrets/old/v1`, attributes: { ...attrs, created: 1764072000 } },
          { id: `${VAULT}secrets/old/v2`, attributes: { ...attrs, enabled: false, created: 1764079000 } }], nextLink: null } }
      : kvError(403, "Forbidden", "SecretDisabled"));
    expect(await adapter.getSecretProperties("old")).toMatchObject({ name: "old", enabled: false });
    expect(seen).toEqual(["GET /secrets/old/", "GET /secrets/old/versions"]);
  });

  it.each([
    ["a missing secret", kvError(404, "SecretNotFound"), "not-found", 404, "Secret 'db-pass' was not found in Key Vault 'kv'."],
    ["no role assignment", kvError(403, "Forbidden", "ForbiddenByRbac"), "forbidden", 403, /needs the role Key Vault Secrets Officer/],
    ["a deleted name", kvError(409, "Conflict", "ObjectIsDeletedButRecoverable"), "conflict", 409, /deleted but recoverable/],
    ["a bad parameter", kvError(400, "BadParameter"), "bad-request", 400, /rejected the request \(BadParameter\)/],
    ["a refused token", kvError(401, "Unauthorized"), "upstream", 502, /refused the portal's token/],
    ["throttling", kvError(429, "Throttled", undefined, { "retry-after": "0" }), "too-many-requests", 429, /throttling/],
    ["an unavailable vault", kvError(503, "ServiceUnavailable"), "upstream", 503, /unavailable/],
    ["a vault failure", kvError(500, "InternalError"), "upstream", 502, /failed \(500 InternalError\)/],
  ])("maps %s on set", async (_label, answer, kind, status, detail) => {
    const { adapter } = adapterAnswering(() => answer);
    const err = await failure(adapter.setSecret({ name: "db-pass", value: SECRET }));
    expect(err.kind).toBe(kind);
    expect(err.status).toBe(status);
    expect(err.detail).toEqual(detail instanceof RegExp ? expect.stringMatching(detail) : detail);
    const body = JSON.stringify(problemBody(err, { instance: "/api/x", requestId: "r" }));
    expect(body).not.toContain(SECRET);
    expect(err.upstream).toMatchObject({ service: "key-vault", code: (answer as { body: { error: { innererror?: { code: string }; code: string } } })
      .body.error.innererror?.code ?? (answer as { body: { error: { code: string } } }).body.error.code });
  }, 20_000);

  it("names the upstream code and the role a list needs", async () => {
    const { adapter } = adapterAnswering(() => kvError(403, "Forbidden", "ForbiddenByRbac"));
    const err = await failure(adapter.secretPages().next());
    // The SDK's pager keeps only the outer code.
    expect(err.upstream).toEqual({ service: "key-vault", code: "Forbidden" });
    expect(err.detail).toMatch(/Key Vault Reader/);
  });

  it("maps an unreachable vault to 503 with the network code", async () => {
    const { adapter } = adapterAnswering(() => new RestError("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED" }));
    const err = await failure(adapter.getSecretProperties("db-pass"));
    expect(err.status).toBe(503);
    expect(err.upstream).toEqual({ service: "key-vault", code: "ECONNREFUSED", status: 503 });
  }, 20_000);

  it("maps a credential that cannot get a token to an identity failure", async () => {
    const challengeOnly: HttpClient = { sendRequest: async (request) => ({ request, status: 401, bodyAsText: "",
      headers: createHttpHeaders({ "www-authenticate": 'Bearer authorization="https://login.example.test/tenant", resource="https://vault.azure.net"' }) }) };
    const broken = Object.assign(new Error("no token"), { name: "CredentialUnavailableError" });
    const adapter = createKeyVaultAdapter(CONFIG, { getToken: async () => { throw broken; } }, { httpClient: challengeOnly });
    const err = await failure(adapter.getSecretProperties("x"));
    expect(err.upstream).toEqual({ service: "identity", code: "CredentialUnavailableError", status: 502 });
  });

  it("writes once with setSecretOnce: a 503 or a reset connection is not retried (the caller reads back first)", async () => {
    for (const answer of [kvError(503, "ServiceUnavailable"), new RestError("socket hang up", { code: "ECONNRESET" })]) {
      const { adapter, seen } = adapterAnswering(() => answer);
      const err = await failure(adapter.setSecretOnce({ name: "db-pass", value: SECRET, tags: { "ops-portal-save": "k1" } }));
      expect(err.status).toBe(503);
      expect(seen).toEqual(["PUT /secrets/db-pass"]);
    }
  });

  it("names the role and the az command when the portal's identity may not set secrets", async () => {
    const { adapter } = adapterAnswering(() => kvError(403, "Forbidden", "ForbiddenByRbac"));
    const withClient = createKeyVaultAdapter({ ...CONFIG, azure: { ...CONFIG.azure, clientId: "portal-app-id" } },
      { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) },
      { httpClient: { sendRequest: async (request) => ({ request, status: 403, headers: createHttpHeaders({ "content-type": "application/json" }),
        bodyAsText: JSON.stringify({ error: { code: "Forbidden", message: "no", innererror: { code: "ForbiddenByRbac" } } }) }) } });
    const err = await failure(withClient.setSecretOnce({ name: "db-pass", value: SECRET }));
    expect(err.detail).toBe("The portal's identity may not set secrets in Key Vault 'kv': it needs the role Key Vault " +
      "Secrets Officer on the vault. An administrator grants it with: az role assignment create --assignee portal-app-id " +
      "--role \"Key Vault Secrets Officer\" --scope $(az keyvault show -n kv --query id -o tsv)");
    expect((await failure(adapter.setSecretOnce({ name: "db-pass", value: SECRET }))).detail)
      .toContain("--assignee <the portal's client id>");
  });

  it("reads a deleted secret, and answers not-found when the name is free", async () => {
    const { adapter, seen } = adapterAnswering((req) => req.url.includes("/deletedsecrets/old")
      ? { status: 200, body: { id: `${VAULT}secrets/old/v1`, recoveryId: `${VAULT}deletedsecrets/old`, attributes: attrs,
          deletedDate: 1764072000, scheduledPurgeDate: 1771848000, tags: {} } }
      : kvError(404, "SecretNotFound"));
    expect(await adapter.getDeletedSecret("old")).toMatchObject({ name: "old", recoveryId: `${VAULT}deletedsecrets/old`,
      deletedOn: "2025-11-25T12:00:00.000Z", scheduledPurgeDate: "2026-02-23T12:00:00.000Z" });
    await expect(adapter.getDeletedSecret("fresh")).rejects.toMatchObject({ kind: "not-found" });
    expect(seen).toEqual(["GET /deletedsecrets/old", "GET /deletedsecrets/fresh"]);
  });

  it("reads an expired or not yet valid secret's properties from its versions", async () => {
    for (const code of ["SecretExpired", "SecretNotYetValid"]) {
      const { adapter } = adapterAnswering((req) => req.url.includes("/versions")
        ? { status: 200, body: { value: [{ id: `${VAULT}secrets/x/v1`, attributes: { ...attrs, exp: 1764072001 } }], nextLink: null } }
        : kvError(403, "Forbidden", code));
      expect(await adapter.getSecretProperties("x")).toMatchObject({ name: "x", expiresOn: "2025-11-25T12:00:01.000Z" });
    }
  });

  it("never loses a body in the challenge handshake when a client's first writes go at once", async () => {
    // The first unauthenticated request is answered last: without care, another request finishes the handshake
    // first and the SDK then resends the first one without its body.
    let challenges = 0;
    const puts: string[] = [];
    const httpClient: HttpClient = {
      async sendRequest(request) {
        if (!request.headers.get("authorization")) {
          if (challenges++ === 0) await new Promise((r) => setTimeout(r, 30));
          return { request, status: 401, bodyAsText: "", headers: createHttpHeaders({ "www-authenticate":
            'Bearer authorization="https://login.example.test/tenant", resource="https://vault.azure.net"' }) };
        }
        const name = new URL(request.url).pathname.split("/")[2]!;
        if (!request.body) return { request, status: 400, headers: createHttpHeaders({ "content-type": "application/json" }),
          bodyAsText: JSON.stringify({ error: { code: "BadParameter", message: "The request body is empty" } }) };
        puts.push(name);
        return { request, status: 200, headers: createHttpHeaders({ "content-type": "application/json" }),
          bodyAsText: JSON.stringify({ value: SECRET, id: `${VAULT}secrets/${name}/v1`, attributes: attrs }) };
      },
    };
    const adapter = createKeyVaultAdapter(CONFIG, { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) },
      { httpClient });
    const names = ["a", "b", "c", "d"];
    const written = await Promise.all(names.map((name) => adapter.setSecretOnce({ name, value: SECRET })));
    expect(written.map((w) => w.name)).toEqual(names);
    expect(puts.sort()).toEqual(names);
  });

  it("holds requests back only during a client's challenge handshake, a list page included, then sends them at once", async () => {
    // Every answer waits a little, so requests sent together are seen in flight together.
    const sent: string[] = [];
    const answered: string[] = [];
    let inFlight = 0;
    let most = 0;
    const httpClient: HttpClient = {
      async sendRequest(request) {
        const path = new URL(request.url).pathname;
        const what = `${request.headers.get("authorization") ? "token" : "none"} ${request.method} ${path}`;
        sent.push(what);
        inFlight++;
        most = Math.max(most, inFlight);
        // The first page's own answer is slow: what waited for the handshake must not wait for it too.
        await new Promise((r) => setTimeout(r, what === "token GET /secrets" ? 60 : 10));
        answered.push(what);
        inFlight--;
        if (!request.headers.get("authorization")) {
          return { request, status: 401, bodyAsText: "", headers: createHttpHeaders({ "www-authenticate":
            'Bearer authorization="https://login.example.test/tenant", resource="https://vault.azure.net"' }) };
        }
        const list = path === "/secrets";
        return { request, status: list ? 200 : 404, headers: createHttpHeaders({ "content-type": "application/json" }),
          bodyAsText: JSON.stringify(list ? { value: [], nextLink: null } : { error: { code: "SecretNotFound", message: "not found" } }) };
      },
    };
    const adapter = createKeyVaultAdapter(CONFIG, { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) },
      { httpClient });

    // The name index's first page is the client's first request: a read asked for meanwhile goes once the page
    // went out with a token, never during the handshake's first state.
    const first = adapter.secretPages().next();
    const meanwhile = adapter.getSecretProperties("early").catch(() => null);
    await Promise.all([first, meanwhile]);
    expect(sent).toEqual(["none GET /secrets", "token GET /secrets", "token GET /secrets/early/"]);
    expect(answered.slice(1)).toEqual(["token GET /secrets/early/", "token GET /secrets"]);

    // Past the handshake: the reads of a save's step 0 go at once.
    most = 0;
    await Promise.all(["a", "b", "c", "d"].map((n) => adapter.getSecretProperties(n).catch(() => null)));
    expect(most).toBe(4);
  });
});
