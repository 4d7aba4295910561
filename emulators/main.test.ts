import { spawn, type ChildProcess } from "node:child_process";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..");
let dir: string;

beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), "stack-main-")); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

interface Ready { endpoints: { tenantId: string; keyVaultUrl: string }; portalIdentity: { clientId: string }; pid: number }

/** `emulators/main.ts` the way the e2e setup runs it: a child on free ports, waiting for its ready file. */
async function startMain(readyFile: string): Promise<{ child: ChildProcess; ready: Ready; output: () => string }> {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "emulators/main.ts", "--data-dir", dir,
    "--port-identity", "0", "--port-key-vault", "0", "--ready-file", readyFile], { cwd: ROOT });
  child.stdout!.on("data", (c: Buffer) => { output += c.toString(); });
  child.stderr!.on("data", (c: Buffer) => { output += c.toString(); });
  for (let i = 0; i < 300; i++) {
    const text = await readFile(readyFile, "utf8").catch(() => undefined);
    if (text) return { child, ready: JSON.parse(text) as Ready, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`stack did not get ready:\n${output}`);
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((r) => {
  if (child.exitCode !== null) r(child.exitCode);
  else child.once("exit", (code) => r(code));
});
const exists = (path: string) => access(path).then(() => true, () => false);

describe("emulators/main.ts", () => {
  it("reports its endpoints through the ready file, prints one line per service, stops cleanly on SIGTERM", async () => {
    const { child, ready, output } = await startMain(join(dir, "ready-1.json"));
    expect(ready.pid).toBe(child.pid);
    expect(output()).toMatch(/^identity +https:\/\/127\.0\.0\.1:\d+\/ .*\nkey vault +https:\/\/127\.0\.0\.1:\d+\/ /m);
    child.kill("SIGTERM");
    expect(await exitOf(child), output()).toBe(0);
    expect(await exists(join(dir, "local-stack", "endpoints.json"))).toBe(false);
    expect(await exists(join(dir, "local-stack", "stack.pid"))).toBe(false);
  });

  it("starts again after kill -9 without manual cleanup, on the same tenant", async () => {
    const first = await startMain(join(dir, "ready-2.json"));
    first.child.kill("SIGKILL");
    await exitOf(first.child);
    const second = await startMain(join(dir, "ready-3.json"));
    expect(second.ready.endpoints.tenantId).toBe(first.ready.endpoints.tenantId);
    second.child.kill("SIGINT");
    expect(await exitOf(second.child), second.output()).toBe(0);
  });
});
