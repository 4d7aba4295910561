import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsMaterial, type TlsMaterial } from "../shared/tls";
import { startIdentityServer, type RunningIdentityServer } from "./server";
import { httpsJson } from "./test-support";

let dir: string;
let tls: TlsMaterial;
let idp: RunningIdentityServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "identity-bad-input-"));
  tls = await ensureTlsMaterial(join(dir, "local-stack"));
  idp = await startIdentityServer({ dataDir: join(dir, "identity"), tls, host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
});

function send(method: string, path: string, body?: string | Buffer, contentType?: string) {
  return httpsJson(method, new URL(path, idp.authorityHost).href, { ca: tls.ca, body, contentType });
}

const token = () => `/${idp.tenantId}/oauth2/v2.0/token`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const automation = () => idp.store.findPrincipal("automation") as { clientId: string; secrets: string[] };

describe("identity stand-in refuses bad input with Entra's 4xx answers", () => {
  it.each([
    ["no body at all", () => send("POST", token()), 400, "invalid_request", 900144],
    ["a JSON body", () => send("POST", token(), '{"grant_type":"client_credentials"}', "application/json"), 400, "invalid_request", 900144],
    ["binary garbage", () => send("POST", token(), Buffer.from([0xff, 0xfe, 0x00, 0x25, 0x25])), 400, "invalid_request", 900144],
    ["an unsupported grant", () => send("POST", token(), form({ grant_type: "password" })), 400, "unsupported_grant_type", 70003],
    ["no client_id", () => send("POST", token(), form({ grant_type: "client_credentials" })), 400, "invalid_request", 900144],
    ["no secret", () => send("POST", token(), form({ grant_type: "client_credentials", client_id: automation().clientId,
      scope: "https://vault.azure.net/.default" })), 401, "invalid_client", 7000216],
    ["a scope without /.default", () => send("POST", token(), form({ grant_type: "client_credentials",
      client_id: automation().clientId, client_secret: automation().secrets[0]!, scope: "https://vault.azure.net" })),
    400, "invalid_scope", 1002012],
    ["no scope", () => send("POST", token(), form({ grant_type: "client_credentials",
      client_id: automation().clientId, client_secret: automation().secrets[0]! })), 400, "invalid_request", 900144],
    ["another tenant", () => send("POST", "/nope/oauth2/v2.0/token", form({ grant_type: "client_credentials" })),
      400, "invalid_tenant", 90002],
    ["GET on the token endpoint", () => send("GET", token()), 405, "invalid_request", 900561],
    ["a 2 MB body", () => send("POST", token(), "a=".padEnd(2 * 1024 * 1024, "b")), 413, "invalid_request", 90020],
  ])("%s", async (_name, call, status, error, code) => {
    const reply = await call();
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ error, error_codes: [code] });
    expect(String(reply.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it("ignores the extra form fields MSAL sends and still issues a token", async () => {
    const reply = await send("POST", `${token()}?client-request-id=4b5e5b1c-7d0b-4bd7-9f3b-2a0a0f6f4a11`, form({
      grant_type: "client_credentials", client_id: automation().clientId, client_secret: automation().secrets[0]!,
      scope: "https://vault.azure.net/.default", claims: '{"access_token":{"xms_cc":{"values":["cp1"]}}}',
      "x-client-SKU": "msal.js.node", client_info: "1",
    }));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
  });

  it("answers unknown paths with 404 and keeps serving after a burst of bad requests", async () => {
    expect((await send("GET", "/nope")).status).toBe(404);
    const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) =>
      send("POST", token(), i % 2 ? `%%%${i}&&==&grant_type=${"x".repeat(i)}` : form({ grant_type: String(i) }))
        .then((r) => r.status)));
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    const discovery = await send("GET", `/${idp.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(discovery.body.token_endpoint).toBe(`${idp.authorityHost}${idp.tenantId}/oauth2/v2.0/token`);
  });
});

describe("test hooks (/_stack/)", () => {
  const authed = async () => {
    const reply = await send("POST", token(), form({ grant_type: "client_credentials", client_id: automation().clientId,
      client_secret: automation().secrets[0]!, scope: "https://vault.azure.net/.default" }));
    return { authorization: `Bearer ${String(reply.body.access_token)}` };
  };
  let headers: Record<string, string>;
  beforeAll(async () => { headers = await authed(); });
  const hook = (method: string, path: string, body?: unknown) => httpsJson(method, new URL(path, idp.authorityHost).href,
    { ca: tls.ca, headers, ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: "application/json" }) });

  it("refuses callers without the automation client's token", async () => {
    const reply = await send("POST", "/_stack/faults", JSON.stringify({ status: 503 }), "application/json");
    expect(reply.status).toBe(401);
    expect(reply.body.error).toBe("invalid_token");
  });

  it("injects a fault into the token endpoint once, counts calls by route", async () => {
    expect((await hook("DELETE", "/_stack/stats")).status).toBe(204);
    expect((await hook("POST", "/_stack/faults", { match: { path: "oauth2" }, status: 503, times: 1 })).status).toBe(201);
    const failed = await send("POST", token(), form({ grant_type: "client_credentials" }));
    expect(failed.status).toBe(503);
    expect(failed.body.error).toBe("server_error");
    expect((await send("POST", token(), form({ grant_type: "client_credentials" }))).status).toBe(400);
    const stats = await hook("GET", "/_stack/stats");
    expect(stats.body).toEqual({ total: 2, byRoute: { "POST /{tenant}/oauth2/v2.0/token": 2 } });
  });
});
