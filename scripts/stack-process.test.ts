import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStackProcess } from "./stack-process";

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), "stack-process-")); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe("startStackProcess (how npm start and e2e run the stack)", () => {
  it("resolves with the endpoints once the stack answers, and stop() leaves no process behind", async () => {
    const stack = await startStackProcess({ dataDir: dir, portIdentity: 0, portKeyVault: 0, stdio: "ignore",
      portalUrl: "http://127.0.0.1:3999" });
    const pid = stack.child.pid!;
    expect(stack.endpoints.portalUrl).toBe("http://127.0.0.1:3999");
    expect(stack.portalIdentity.clientId).toMatch(/^[0-9a-f-]{36}$/);
    const written = JSON.parse(await readFile(join(dir, "local-stack", "endpoints.json"), "utf8")) as unknown;
    expect(written).toEqual(stack.endpoints);
    await stack.stop();
    expect(alive(pid)).toBe(false);
  }, 60_000);
});
