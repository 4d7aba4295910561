import { Agent } from "node:https";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientSecretCredential } from "@azure/identity";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsMaterial, type TlsMaterial } from "../shared/tls";
import { startIdentityServer, type RunningIdentityServer } from "./server";

const VAULT_SCOPE = "https://vault.azure.net/.default";
let dir: string;
let tls: TlsMaterial;
let idp: RunningIdentityServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "identity-test-"));
  tls = await ensureTlsMaterial(join(dir, "local-stack"));
  idp = await startIdentityServer({ dataDir: join(dir, "identity"), tls, host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
});

function credential(clientId: string, secret: string) {
  return new ClientSecretCredential(idp.tenantId, clientId, secret, {
    authorityHost: idp.authorityHost, disableInstanceDiscovery: true,
    agent: new Agent({ ca: tls.ca }),
  });
}
const automation = () => idp.store.findPrincipal("automation") as { clientId: string; objectId: string; secrets: string[] };

describe("identity stand-in with @azure/identity ClientSecretCredential", () => {
  it("issues a Key Vault token whose claims name the client, the tenant and the vault", async () => {
    const sp = automation();
    const token = await credential(sp.clientId, sp.secrets[0]!).getToken(VAULT_SCOPE);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 50 * 60_000);
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({
      iss: `${idp.authorityHost}${idp.tenantId}/v2.0`, aud: "https://vault.azure.net", tid: idp.tenantId,
      oid: sp.objectId, sub: sp.objectId, appid: sp.clientId, azp: sp.clientId, ver: "2.0",
    });
    expect(claims.roles).toBeUndefined();
    expect(claims.nbf).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(decodeProtectedHeader(token.token)).toMatchObject({ alg: "RS256", typ: "JWT" });
    await expect(idp.verifier.verify(token.token, { audience: "https://vault.azure.net" }))
      .resolves.toMatchObject({ oid: sp.objectId });
  });

  it("answers a wrong secret with AADSTS7000215 (invalid_client)", async () => {
    const sp = automation();
    await expect(credential(sp.clientId, "not-the-secret").getToken(VAULT_SCOPE))
      .rejects.toThrow(/AADSTS7000215/);
  });

  it("answers an unknown client with AADSTS700016", async () => {
    await expect(credential("00000000-0000-0000-0000-000000000001", "x").getToken(VAULT_SCOPE))
      .rejects.toThrow(/AADSTS700016/);
  });

  it("refuses a resource the tenant does not know (AADSTS500011)", async () => {
    const sp = automation();
    await expect(credential(sp.clientId, sp.secrets[0]!).getToken("https://storage.azure.com/.default"))
      .rejects.toThrow(/AADSTS500011/);
  });
});

describe("token verifier", () => {
  it("rejects another audience, a forged signature and alg none", async () => {
    const sp = automation();
    const token = await credential(sp.clientId, sp.secrets[0]!).getToken(VAULT_SCOPE);
    await expect(idp.verifier.verify(token.token, { audience: "api://other" })).rejects.toThrow();
    const [header, payload, signature] = token.token.split(".");
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(token.token), oid: "someone-else" }))
      .toString("base64url")}.${signature}`;
    await expect(idp.verifier.verify(forged, { audience: "https://vault.azure.net" })).rejects.toThrow();
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${payload}.`;
    await expect(idp.verifier.verify(none, { audience: "https://vault.azure.net" })).rejects.toThrow();
  });
});

describe("state", () => {
  it("survives a restart: same tenant, same signing key, earlier tokens still verify", async () => {
    const sp = automation();
    const token = await credential(sp.clientId, sp.secrets[0]!).getToken(VAULT_SCOPE);
    const before = { tenantId: idp.tenantId, kid: decodeProtectedHeader(token.token).kid };
    await idp.stop();
    idp = await startIdentityServer({ dataDir: join(dir, "identity"), tls, host: "127.0.0.1", port: 0 });
    expect(idp.tenantId).toBe(before.tenantId);
    expect(automation().clientId).toBe(sp.clientId);
    // The port changed, so the issuer did too; the key is what must have survived.
    const again = await credential(sp.clientId, sp.secrets[0]!).getToken(VAULT_SCOPE);
    expect(decodeProtectedHeader(again.token).kid).toBe(before.kid);
  });

  it("seeds the automation and portal identities as Key Vault Secrets Officers", () => {
    for (const name of ["automation", "portal"]) {
      const p = idp.store.findPrincipal(name)!;
      expect(idp.store.hasRole(p.objectId, ["Key Vault Secrets Officer"])).toBe(true);
      expect(idp.store.hasRole(p.objectId, ["Key Vault Reader"])).toBe(false);
    }
  });
});
