import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, AUTHORITY, createIssuer, TENANT, startTestVault, type Principal, type TestVault } from "./testing/fixtures";

let t: TestVault;
beforeAll(async () => {
  t = await startTestVault();
  await t.client.call("PUT", `/secrets/known?${API}`, { body: { value: "v" } });
});
afterAll(async () => { await t.stop(); });

const CHALLENGE = `Bearer authorization="${AUTHORITY}${TENANT}", resource="https://vault.azure.net"`;

describe("bearer challenge", () => {
  it.each(["GET", "PUT", "PATCH", "DELETE", "POST"])("answers a token-less %s with 401 and the challenge", async (method) => {
    const r = await t.client.call(method, `/secrets/anything?${API}`, { as: null });
    expect(r.status).toBe(401);
    expect(r.headers["www-authenticate"]).toBe(CHALLENGE);
    expect(r.json).toEqual({ error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." } });
  });

  it("challenges before anything else: unknown paths, bad api-versions and the test hooks", async () => {
    for (const path of ["/nowhere", "/secrets?api-version=1.0", "/_stack/stats"]) {
      const r = await t.client.call("GET", path, { as: null });
      expect([r.status, r.headers["www-authenticate"]]).toEqual([401, CHALLENGE]);
    }
  });

  it("refuses tokens that are badly signed, for another audience, expired, or not JWTs", async () => {
    const stranger = await createIssuer();
    const cases = {
      "wrong signature": await stranger.sign("officer"),
      "wrong audience": await t.issuer.sign("officer", { aud: "https://management.azure.com" }),
      expired: await t.issuer.sign("officer", { exp: Math.floor(Date.now() / 1000) - 600 }),
      garbage: "not-a-jwt",
    };
    for (const [why, token] of Object.entries(cases)) {
      const r = await t.client.call("GET", `/secrets/known?${API}`, { token });
      expect(r.status, why).toBe(401);
      expect(r.headers["www-authenticate"], why).toBe(CHALLENGE);
      expect(r.json.error.code, why).toBe("Unauthorized");
      expect(r.json.error.message, why).toMatch(/^Invalid bearer token: /);
    }
  });
});

describe("RBAC", () => {
  const matrix: [string, string, unknown, Principal[], string][] = [
    ["GET", "/secrets/known", undefined, ["officer", "user"], "getSecret/action"],
    ["GET", "/secrets", undefined, ["officer", "user", "reader"], "readMetadata/action"],
    ["GET", "/secrets/known/versions", undefined, ["officer", "user", "reader"], "readMetadata/action"],
    ["GET", "/deletedsecrets", undefined, ["officer", "user", "reader"], "readMetadata/action"],
    ["PUT", "/secrets/rbac-new", { value: "v" }, ["officer"], "setSecret/action"],
    ["PATCH", "/secrets/known/", { tags: {} }, ["officer"], "update/action"],
    ["DELETE", "/deletedsecrets/none", undefined, ["officer"], "purge/action"],
    ["POST", "/deletedsecrets/none/recover", undefined, ["officer"], "recover/action"],
  ];
  it.each(matrix)("%s %s is allowed only for its roles", async (method, path, body, allowed, action) => {
    for (const who of ["officer", "user", "reader", "nobody"] as Principal[]) {
      const r = await t.client.call(method, `${path}?${API}`, { as: who, body });
      if (allowed.includes(who)) {
        expect(r.status, who).not.toBe(403);
      } else {
        expect(r.status, who).toBe(403);
        expect(r.json.error.code).toBe("Forbidden");
        expect(r.json.error.innererror).toEqual({ code: "ForbiddenByRbac" });
        expect(r.json.error.message).toContain("Caller is not authorized to perform action on resource.");
        expect(r.json.error.message).toContain(`Action: 'Microsoft.KeyVault/vaults/secrets/${action}'`);
        expect(r.json.error.message).toContain(`oid=${who}`);
      }
    }
  });

  it("lets a reader list a secret but not read its value", async () => {
    const list = await t.client.call("GET", `/secrets?${API}`, { as: "reader" });
    expect(list.json.value.map((i: { id: string }) => i.id)).toContain(`${t.vault.url}secrets/known`);
    expect(JSON.stringify(list.json)).not.toContain('"value":"v"');
    expect((await t.client.call("GET", `/secrets/known?${API}`, { as: "reader" })).status).toBe(403);
    expect((await t.client.call("DELETE", `/secrets/known?${API}`, { as: "user" })).status).toBe(403);
  });
});
