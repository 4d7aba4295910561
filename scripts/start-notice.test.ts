import { describe, expect, it } from "vitest";
import { signInNotice, type SignInInfo } from "./start-notice";

const info = (browserTrust: SignInInfo["browserTrust"]): SignInInfo => ({
  authorityHost: "https://127.0.0.1:8444/",
  browserTrust,
  users: [
    { name: "olivia.operator", password: "operator-demo", role: "operator" },
    { name: "rudy.reader", password: "reader-demo", role: "reader" },
  ],
});

describe("npm start's sign-in notice", () => {
  it("names the demo users and, when the browser does not trust the CA, the warning and the command that avoids it", () => {
    const text = signInNotice(info("untrusted"), "http://127.0.0.1:3000");
    expect(text).toMatch(/^sign-in {4}Open http:\/\/127\.0\.0\.1:3000 and sign in as a demo user/);
    expect(text).toMatch(/\n {13}olivia\.operator \/ operator-demo +operator\n {13}rudy\.reader \/ reader-demo +reader\n/);
    expect(text).toContain("will warn that the connection is not private");
    expect(text).toContain("`npm run stack -- trust`");
    expect(text.split("\n").slice(1).every((l) => l.startsWith(" ".repeat(11)) && l.length <= 120)).toBe(true);
  });

  it("does not send someone whose browser already trusts the CA to the trust command", () => {
    const text = signInNotice(info("trusted"), "http://127.0.0.1:3000");
    expect(text).toContain("olivia.operator / operator-demo");
    expect(text).not.toContain("not private");
  });
});
