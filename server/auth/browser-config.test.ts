import { describe, expect, it } from "vitest";
import { authBrowserConfig, authorityOrigin } from "./browser-config";

const auth = (authority: string) => ({ authority, audiences: ["api://x"], spaClientId: "spa", apiScope: "api://x/access_as_user" });

describe("authBrowserConfig", () => {
  it("uses MSAL's AAD mode for Entra, with the tenant authority MSAL expects", () => {
    expect(authBrowserConfig(auth("https://login.microsoftonline.com/t-1/v2.0"))).toEqual({
      clientId: "spa", authority: "https://login.microsoftonline.com/t-1", knownAuthorities: ["login.microsoftonline.com"],
      protocolMode: "AAD", apiScopes: ["api://x/access_as_user"],
    });
  });

  it("uses OIDC mode for any other authority (the local stand-in), trusting its host", () => {
    expect(authBrowserConfig(auth("https://127.0.0.1:8444/t-1/v2.0"))).toMatchObject({
      authority: "https://127.0.0.1:8444/t-1/v2.0", knownAuthorities: ["127.0.0.1:8444"], protocolMode: "OIDC" });
    expect(authorityOrigin(auth("https://127.0.0.1:8444/t-1/v2.0"))).toBe("https://127.0.0.1:8444");
  });

  it("holds nothing but public settings", () => {
    expect(Object.keys(authBrowserConfig(auth("https://login.microsoftonline.com/t/v2.0"))).sort())
      .toEqual(["apiScopes", "authority", "clientId", "knownAuthorities", "protocolMode"]);
  });
});
