import { describe, expect, it } from "vitest";
import { authConfigProblems, delegatedScopeOf } from "./auth-env";
import { parseConfig } from "./env";

const SPA = "5d2e7b1c-9a44-4c1e-8f0e-3b6a1c2d4e55";
const ENV = {
  KEY_VAULT_URL: "https://127.0.0.1:8443/",
  KEY_VAULT_NAME: "opsportal-demo-kv",
  AZURE_TENANT_ID: "8c1c6a4e-7f36-4f0c-9e5e-0c3e4d4f2a11",
  AIO_INSTANCE_NAME: "aio-demo",
  AUTH_AUTHORITY: "https://127.0.0.1:8444/8c1c6a4e-7f36-4f0c-9e5e-0c3e4d4f2a11/v2.0",
  AUTH_API_AUDIENCE: "api://ops-portal-api,0b1c2d3e-0000-4000-8000-000000000001",
  AUTH_SPA_CLIENT_ID: SPA,
};
const auth = (audience: string) => ({ AUTH_AUTHORITY: ENV.AUTH_AUTHORITY, AUTH_API_AUDIENCE: audience, AUTH_SPA_CLIENT_ID: SPA,
  AUTH_API_SCOPE: undefined, AUDIT_LOG_FILE: undefined });

describe("authConfigProblems", () => {
  it("refuses an API audience that names the browser app (its ID tokens would pass as access tokens)", () => {
    for (const audience of [SPA, `api://ops-portal-api, ${SPA}`, `api://ops-portal-api,${SPA.toUpperCase()}`]) {
      expect(authConfigProblems(auth(audience))).toEqual([expect.stringMatching(/^AUTH_API_AUDIENCE: must not include AUTH_SPA_CLIENT_ID/)]);
    }
    expect(authConfigProblems(auth(ENV.AUTH_API_AUDIENCE))).toEqual([]);
    // The App ID URI of an API named after the SPA's id is not the SPA's ID-token audience.
    expect(authConfigProblems(auth(`api://${SPA}`))).toEqual([]);
  });

  it("stops the portal at start: parseConfig throws, naming the variable", () => {
    expect(() => parseConfig(ENV)).not.toThrow();
    expect(() => parseConfig({ ...ENV, AUTH_API_AUDIENCE: `${ENV.AUTH_API_AUDIENCE},${SPA}` }))
      .toThrow(/^Configuration error: AUTH_API_AUDIENCE: must not include AUTH_SPA_CLIENT_ID/);
  });
});

describe("delegatedScopeOf", () => {
  it.each([
    ["api://ops-portal-api/access_as_user", "access_as_user"],
    ["api://0b1c/Secrets.Manage", "Secrets.Manage"],
    ["access_as_user", "access_as_user"],
    // `.default` asks for what was consented: the conventional scope name of the API registration.
    ["api://ops-portal-api/.default", "access_as_user"],
  ])("takes the scope name of %s", (apiScope, expected) => {
    expect(delegatedScopeOf(apiScope)).toBe(expected);
  });
});
