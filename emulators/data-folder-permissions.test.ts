import { Agent } from "node:https";
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ClientSecretCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type RunningStack } from "./stack";

/**
 * The data folder holds secret values (vault journal and snapshot, signing keys, tokens): after a start and a write,
 * nothing in it may be readable by anyone but its owner, whatever the umask and whatever an older stack left behind.
 */
const SENTINEL = "permissions-sentinel-value";
let dir: string;
let stack: RunningStack | undefined;
let umask: number | undefined;

beforeAll(async () => {
  // The usual umask: without explicit modes, files would come out 0644 and folders 0755.
  umask = process.umask(0o022);
  dir = await mkdtemp(join(tmpdir(), "data-perms-"));
  await chmod(dir, 0o755);
  // What an older stack (or the portal) left world-readable: tightened at start.
  await mkdir(join(dir, "portal"), { mode: 0o755 });
  await writeFile(join(dir, "portal", "audit.log"), "{}\n", { mode: 0o644 });
  await chmod(join(dir, "portal", "audit.log"), 0o644);
  stack = await startStack({ dataDir: dir });
});
afterAll(async () => {
  await stack?.stop();
  if (umask !== undefined) process.umask(umask);
  await rm(dir, { recursive: true, force: true });
});

/** Every file and folder under `root` (the root included) whose mode is not owner-only, as `path mode`. */
async function notOwnerOnly(root: string): Promise<{ wrong: string[]; files: number; dirs: number }> {
  const out = { wrong: [] as string[], files: 0, dirs: 0 };
  const walk = async (path: string): Promise<void> => {
    const s = await lstat(path);
    const mode = s.mode & 0o777;
    if (s.isDirectory()) {
      out.dirs += 1;
      if (mode !== 0o700) out.wrong.push(`${relative(root, path) || "."}/ ${mode.toString(8)}`);
      for (const name of await readdir(path)) await walk(join(path, name));
    } else {
      out.files += 1;
      if (mode !== 0o600) out.wrong.push(`${relative(root, path)} ${mode.toString(8)}`);
    }
  };
  await walk(root);
  return out;
}

describe("the data folder", () => {
  it("is owner-only after a start and a write: folders 0700, files 0600", async () => {
    const e = stack!.endpoints;
    const agent = new Agent({ ca: await readFile(e.caFile, "utf8") });
    const credential = new ClientSecretCredential(e.tenantId, e.automationClient.clientId, e.automationClient.clientSecret,
      { authorityHost: e.authorityHost, disableInstanceDiscovery: true, agent });
    const client = new SecretClient(e.keyVaultUrl, credential, { disableChallengeResourceVerification: true, agent });
    await client.setSecret("permissions-check", SENTINEL);

    // The write is on disk (so its file is among those checked) …
    const vaultFiles = await readdir(join(dir, "key-vault"));
    const texts = await Promise.all(vaultFiles.map((f) => readFile(join(dir, "key-vault", f), "utf8")));
    expect(texts.some((t) => t.includes(SENTINEL))).toBe(true);

    // … and every file and folder is owner-only, the ones left behind at 0644/0755 included.
    const result = await notOwnerOnly(dir);
    expect(result.wrong).toEqual([]);
    expect(result.dirs).toBeGreaterThanOrEqual(5);     // root, local-stack, identity, key-vault, kube, portal
    expect(result.files).toBeGreaterThanOrEqual(8);    // keys, certificates, state, journals, endpoints, lock
  });
});
