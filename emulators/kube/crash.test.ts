import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawCall, TEST_TOKEN, testTls, type WireResponse } from "./testing/kube-fixtures";

const CHILD = join(import.meta.dirname, "testing", "child-kube.ts");
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => { dataDir = await mkdtemp(join(tmpdir(), "kube-crash-")); });
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

type Call = (method: string, path: string, body?: unknown) => Promise<WireResponse>;

/** Starts the stand-in in a child process (node --import tsx) and waits for its port. */
async function startChild(): Promise<{ child: ChildProcess; call: Call }> {
  const tls = await testTls();
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    env: { ...process.env, KUBE_DATA_DIR: dataDir, KUBE_TLS_KEY: tls.key, KUBE_TLS_CERT: tls.cert, KUBE_TOKEN: TEST_TOKEN },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`child kube exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return { child, call: (method, path, body) => rawCall(`https://127.0.0.1:${port}`, tls.ca, method, path, { body }) };
}

const CM = "/api/v1/namespaces/burst/configmaps";

describe("crash safety", () => {
  it("keeps every acknowledged write across kill -9 mid-burst; resourceVersions continue upward", async () => {
    const first = await startChild();
    expect((await first.call("POST", "/api/v1/namespaces", { metadata: { name: "burst" } })).status).toBe(201);
    const acknowledged = new Map<string, { rv: number; value: string }>();
    let killed = false;
    const writes = Array.from({ length: 200 }, (_, i) => (async () => {
      const name = `cm-${i % 50}`;                      // creates, then updates of the same names
      const value = `v-${i}-${"x".repeat(i * 7)}`;
      try {
        let r = await first.call("POST", CM, { metadata: { name }, data: { value } });
        if (r.status === 409) r = await first.call("PUT", `${CM}/${name}`, { metadata: { name }, data: { value } });
        if (r.status === 200 || r.status === 201) {
          const rv = Number(r.json.metadata.resourceVersion);
          if ((acknowledged.get(name)?.rv ?? 0) < rv) acknowledged.set(name, { rv, value });
        }
      } catch {
        // the connection died with the process: not acknowledged
      }
      if (!killed && acknowledged.size >= 30) { killed = true; first.child.kill("SIGKILL"); }
    })());
    await Promise.all(writes);
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(30);

    const restarted = await startChild();
    const list = (await restarted.call("GET", CM)).json;
    const stored = new Map<string, { metadata: { resourceVersion: string }; data: { value: string } }>(
      list.items.map((i: { metadata: { name: string } }) => [i.metadata.name, i]));
    const missing: string[] = [];
    for (const [name, a] of acknowledged) {
      const s = stored.get(name);
      // A later write may have landed on disk without its answer reaching us: never an older one.
      const rv = Number(s?.metadata.resourceVersion);
      if (!s || rv < a.rv || (rv === a.rv && s.data.value !== a.value)) missing.push(`${name}@${a.rv}: ${s?.metadata.resourceVersion}`);
    }
    expect(missing).toEqual([]);
    const highest = Math.max(...[...acknowledged.values()].map((a) => a.rv));
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThanOrEqual(highest);
    const after = await restarted.call("POST", CM, { metadata: { name: "after-crash" }, data: { value: "still here" } });
    expect(after.status).toBe(201);
    expect(Number(after.json.metadata.resourceVersion)).toBeGreaterThan(Number(list.metadata.resourceVersion));
    restarted.child.kill("SIGKILL");
    const third = await startChild();
    expect((await third.call("GET", `${CM}/after-crash`)).json.data).toEqual({ value: "still here" });
    third.child.kill("SIGTERM");
  });
});
