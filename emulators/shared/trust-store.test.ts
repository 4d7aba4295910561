import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsMaterial, localCaName } from "./tls";
import { browserTrust, trustCa, untrustCa, type TrustTarget } from "./trust-store";

// A temporary HOME stands in for the user's: its NSS databases are the ones Chromium and Firefox would read.
let home: string;
let ca: TrustTarget;
const firefoxProfile = () => join(home, ".mozilla", "firefox", "abcd1234.default-release");
const nicknamesIn = (db: string) => execFileSync("certutil", ["-L", "-d", `sql:${db}`], { encoding: "utf8" })
  .split("\n").filter((l) => l.startsWith(ca.nickname));

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "trust-home-"));
  const localStack = join(home, "data", "local-stack");
  const tls = await ensureTlsMaterial(localStack);
  ca = { caFile: tls.caFile, caPem: tls.ca, nickname: localCaName(localStack) };
  await mkdir(firefoxProfile(), { recursive: true });
  execFileSync("certutil", ["-N", "-d", `sql:${firefoxProfile()}`, "--empty-password"]);
});
afterAll(async () => { await rm(home, { recursive: true, force: true }); });

describe("trust store (Linux NSS, needs certutil from libnss3-tools)", () => {
  it("trusts the CA in Chromium's database (created when missing) and in each Firefox profile", async () => {
    expect(await browserTrust(ca, { home })).toBe("untrusted");
    const lines = await trustCa(ca, { home, platform: "linux" });
    expect(lines.join("\n")).toMatch(/\.pki\/nssdb +\(Chromium and Chrome; database created\)/);
    expect(lines.join("\n")).toContain("Firefox profile abcd1234.default-release");
    expect(nicknamesIn(join(home, ".pki", "nssdb"))).toEqual([expect.stringMatching(/ C,, *$/)]);
    expect(nicknamesIn(firefoxProfile())).toHaveLength(1);
    expect(await browserTrust(ca, { home })).toBe("trusted");
  });

  it("trusting again replaces the entry instead of adding a second one", async () => {
    await trustCa(ca, { home, platform: "linux" });
    expect(nicknamesIn(join(home, ".pki", "nssdb"))).toHaveLength(1);
  });

  it("untrust takes it out of every database, and says so when there was nothing to take out", async () => {
    const lines = await untrustCa(ca, { home, platform: "linux" });
    expect(lines[0]).toContain("No longer trusting");
    expect(lines).toHaveLength(3);
    expect(nicknamesIn(join(home, ".pki", "nssdb"))).toEqual([]);
    expect(nicknamesIn(firefoxProfile())).toEqual([]);
    expect(await browserTrust(ca, { home })).toBe("untrusted");
    expect(await untrustCa(ca, { home, platform: "linux" })).toEqual([`"${ca.nickname}" was not trusted in any browser store.`]);
  });
});
