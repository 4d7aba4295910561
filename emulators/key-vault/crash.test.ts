import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, createClient, createIssuer, testTls, type Client, type Issuer } from "./testing/fixtures";

const CHILD = join(import.meta.dirname, "testing", "child-vault.ts");
let dataDir: string;
let issuer: Issuer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "kv-crash-"));
  issuer = await createIssuer();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts the vault in a child process (node --import tsx) and waits for its port. */
async function startChild(): Promise<{ child: ChildProcess; client: Client }> {
  const tls = await testTls();
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    env: { ...process.env, KV_DATA_DIR: dataDir, KV_TLS_KEY: tls.key, KV_TLS_CERT: tls.cert,
      KV_ISSUER_JWK: JSON.stringify(issuer.publicJwk) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`child vault exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return { child, client: createClient(`https://127.0.0.1:${port}/`, tls.ca, issuer) };
}

describe("crash safety", () => {
  it("keeps every acknowledged write across kill -9 mid-burst, and restarts without cleanup", async () => {
    const { child, client } = await startChild();
    const acknowledged: { name: string; id: string; value: string }[] = [];
    let killed = false;
    const writes = Array.from({ length: 200 }, (_, i) => (async () => {
      const name = `burst-${i % 40}`;                     // several versions per name, as a busy vault has
      const value = `value-${i}-${"x".repeat(i * 13)}`;
      try {
        const r = await client.call("PUT", `/secrets/${name}?${API}`, { body: { value, tags: { i: String(i) } } });
        if (r.status === 200) acknowledged.push({ name, id: r.json.id, value });
      } catch {
        // the connection died with the process: not acknowledged
      }
      if (!killed && acknowledged.length >= 80) { killed = true; child.kill("SIGKILL"); }
    })());
    await Promise.all(writes);
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(80);
    expect(acknowledged.length).toBeLessThan(200);

    const restarted = await startChild();
    const missing: string[] = [];
    for (const a of acknowledged) {
      const version = a.id.split("/").pop();
      const r = await restarted.client.call("GET", `/secrets/${a.name}/${version}?${API}`);
      if (r.status !== 200 || r.json.value !== a.value) missing.push(`${a.name}/${version}: ${r.status}`);
    }
    expect(missing).toEqual([]);
    // The restarted vault takes writes and survives a second kill too.
    const after = await restarted.client.call("PUT", `/secrets/after-crash?${API}`, { body: { value: "still here" } });
    expect(after.status).toBe(200);
    restarted.child.kill("SIGKILL");
    const third = await startChild();
    expect((await third.client.call("GET", `/secrets/after-crash?${API}`)).json.value).toBe("still here");
    third.child.kill("SIGTERM");
  });
});
