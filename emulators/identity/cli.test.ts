import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsMaterial } from "../shared/tls";
import { startIdentityServer, type RunningIdentityServer } from "./server";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../..");
let dir: string;
let idp: RunningIdentityServer;

/** `npm run stack -- …` as an operator runs it: another process, same data folder as the running stack. */
async function stackCli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "emulators/cli.ts", "--data-dir", dir, ...args],
      { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "identity-cli-"));
  const tls = await ensureTlsMaterial(join(dir, "local-stack"));
  idp = await startIdentityServer({ dataDir: join(dir, "identity"), tls, host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("npm run stack -- grant|revoke|list", () => {
  it("revokes and grants vault roles on the running stack and prints the az equivalent", async () => {
    const automation = idp.store.findPrincipal("automation") as { clientId: string; objectId: string };
    expect(idp.store.hasRole(automation.objectId, ["Key Vault Secrets Officer"])).toBe(true);

    const revoked = await stackCli("revoke", "automation", "Key Vault Secrets Officer");
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain(`az role assignment delete --assignee ${automation.clientId} ` +
      `--role "Key Vault Secrets Officer" --scope /subscriptions/<subscription-id>/resourceGroups/<resource-group>/` +
      "providers/Microsoft.KeyVault/vaults/opsportal-demo-kv");
    expect(idp.store.hasRole(automation.objectId, ["Key Vault Secrets Officer"])).toBe(false);

    const granted = await stackCli("grant", automation.clientId, "reader");
    expect(granted.code).toBe(0);
    expect(granted.out).toContain("az role assignment create");
    expect(idp.store.hasRole(automation.objectId, ["Key Vault Reader"])).toBe(true);
    expect(idp.store.hasRole(automation.objectId, ["Key Vault Secrets User", "Key Vault Secrets Officer"])).toBe(false);

    const list = await stackCli("list");
    expect(list.out).toMatch(/automation \(service principal.*\n\s+roles: Key Vault Reader\n/);
    expect(list.out).toMatch(/portal \(service principal.*\n\s+roles: Key Vault Secrets Officer\n/);
  });

  it("says what is wrong with an unknown principal or role, and changes nothing", async () => {
    const before = JSON.stringify(idp.store.current().roleAssignments);
    const nobody = await stackCli("grant", "nobody", "reader");
    expect(nobody.code).toBe(2);
    expect(nobody.out).toContain('No principal "nobody". Known: automation, portal');
    const badRole = await stackCli("grant", "portal", "Owner");
    expect(badRole.code).toBe(2);
    expect(badRole.out).toContain('Unknown role "Owner"');
    expect(JSON.stringify(idp.store.current().roleAssignments)).toBe(before);
  });
});
