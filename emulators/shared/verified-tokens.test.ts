import { describe, expect, it, vi } from "vitest";
import { rememberVerified } from "./verified-tokens";

describe("rememberVerified", () => {
  it("checks a token's signature once, its lifetime on every use, and never answers for another audience", async () => {
    let clock = 1_000_000;
    const verify = vi.fn(async (token: string, audience: string) => {
      if (token === "bad") throw new Error("signature verification failed");
      return { aud: audience, nbf: 999, exp: 1_060 };
    });
    const check = rememberVerified(verify, { now: () => clock });
    await check("t1", "api");
    await check("t1", "api");
    expect(verify).toHaveBeenCalledTimes(1);
    await expect(check("t1", "vault")).resolves.toMatchObject({ aud: "vault" });
    expect(verify).toHaveBeenCalledTimes(2);
    await expect(check("bad", "api")).rejects.toThrow(/signature/);
    await expect(check("bad", "api")).rejects.toThrow(/signature/);
    clock = 1_060_000;                               // expired: verified again (and refused by the real check)
    verify.mockRejectedValueOnce(new Error('"exp" claim timestamp check failed'));
    await expect(check("t1", "api")).rejects.toThrow(/exp/);
  });
});
