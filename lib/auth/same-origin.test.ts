import { describe, expect, it } from "vitest";
import { sameOriginPath, sameOriginUrl } from "@/lib/auth/same-origin";

const ORIGIN = "https://portal.example";

/** `returnTo` as the sign-in page reads it: percent-decoded by URLSearchParams. */
const fromQuery = (encoded: string) => new URLSearchParams(`returnTo=${encoded}`).get("returnTo");

describe("sameOriginPath", () => {
  it.each([
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    " /\t/evil",
    "/\n/evil.example",
    "\u0000//evil.example",
    "https://evil.example",
    "https://evil.example/secrets",
    "HTTPS://evil.example",
    "http://portal.example/secrets",            // same host, another scheme: another origin
    "https://portal.example.evil.example/",
    "https://portal.example@evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "blob:https://portal.example/0f6d0c4e-1111-2222-3333-444455556666",
    "vbscript:msgbox(1)",
  ])("refuses %j", (payload) => {
    expect(sameOriginPath(payload, ORIGIN)).toBe("/");
  });

  it.each([
    ["%2F%09%2Fevil.example"],
    ["%2F%5Cevil.example"],
    ["%5C%5Cevil.example"],
    ["%2F%2Fevil.example"],
    ["%20%2F%09%2Fevil"],
    ["https%3A%2F%2Fevil.example"],
  ])("refuses the link parameter returnTo=%s", (encoded) => {
    expect(sameOriginPath(fromQuery(encoded), ORIGIN)).toBe("/");
  });

  it.each([
    // Left encoded, these are odd but harmless paths of the portal itself.
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    // Resolve to the path `//evil.example`, which the next resolve would read as a host: kept as one slash.
    ["/.//evil.example", "/evil.example"],
    ["/./\\evil.example", "/evil.example"],
    [fromQuery("%2F.%2F%2Fevil.example"), "/evil.example"],
    // Same scheme as the portal: a relative path, not another host.
    ["https:evil.example", "/evil.example"],
  ])("keeps %j on the portal", (payload: string | null, expected: string) => {
    expect(sameOriginPath(payload, ORIGIN)).toBe(expected);
    expect(new URL(sameOriginPath(payload, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
  });

  it.each([
    ["/", "/"],
    ["/secrets", "/secrets"],
    ["/secrets?tab=synced&q=kafka#row-3", "/secrets?tab=synced&q=kafka#row-3"],
    ["/devices/plc-1/edit", "/devices/plc-1/edit"],
    ["https://portal.example/key-vault?x=1", "/key-vault?x=1"],
    ["secrets", "/secrets"],
    ["/a/../secrets", "/secrets"],
  ])("accepts the portal's own %j", (payload, expected) => {
    expect(sameOriginPath(payload, ORIGIN)).toBe(expected);
  });

  it.each([null, undefined, "", "   ", 42])("falls back for %j", (payload) => {
    expect(sameOriginPath(payload, ORIGIN)).toBe("/");
    expect(sameOriginPath(payload, ORIGIN, "/key-vault")).toBe("/key-vault");
  });

  it("works on a portal served from a port over http (the local stack)", () => {
    expect(sameOriginPath("/secrets", "http://127.0.0.1:3000")).toBe("/secrets");
    expect(sameOriginPath("http://127.0.0.1:3001/secrets", "http://127.0.0.1:3000")).toBe("/");
    expect(sameOriginPath("http:evil.example", "http://127.0.0.1:3000")).not.toMatch(/^\/\//);
  });
});

describe("sameOriginUrl", () => {
  it("answers an absolute URL of the portal, the root for anything else", () => {
    expect(sameOriginUrl("/secrets?tab=synced", ORIGIN)).toBe("https://portal.example/secrets?tab=synced");
    expect(sameOriginUrl(fromQuery("%2F%09%2Fevil.example"), ORIGIN)).toBe("https://portal.example/");
    expect(sameOriginUrl("https://evil.example/", ORIGIN)).toBe("https://portal.example/");
  });
});
