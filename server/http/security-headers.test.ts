import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

const base = { nonce: "abc123==", authorityOrigin: "https://login.microsoftonline.com", https: false, dev: false };

describe("security headers", () => {
  it("allow scripts only with the request's nonce (no unsafe-inline, no eval in production)", () => {
    const script = /script-src ([^;]+)/.exec(contentSecurityPolicy(base))![1]!;
    expect(script).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(contentSecurityPolicy({ ...base, dev: true })).toContain("'unsafe-eval'");
  });

  it("let the browser reach only the portal and the sign-in authority, and forbid framing", () => {
    const csp = contentSecurityPolicy(base);
    expect(csp).toContain("connect-src 'self' https://login.microsoftonline.com");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("send HSTS (and upgrade-insecure-requests) only over HTTPS", () => {
    expect(securityHeaders(base)["strict-transport-security"]).toBeUndefined();
    expect(contentSecurityPolicy(base)).not.toContain("upgrade-insecure-requests");
    const https = securityHeaders({ ...base, https: true });
    expect(https["strict-transport-security"]).toMatch(/^max-age=\d{8,}/);
    expect(https["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("always send nosniff and a referrer policy", () => {
    expect(securityHeaders(base)).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
  });
});
