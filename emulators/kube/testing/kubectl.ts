import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { ensureTlsMaterial } from "../../shared/tls";
import { startCluster, type RunningCluster } from "../start-cluster";

/** The machine's kubectl (a dispatcher that runs its bundled 1.32 for a server reporting 1.32). */
export const KUBECTL = "/usr/bin/kubectl";

export interface KubectlResult { code: number; stdout: string; stderr: string }

export interface KubectlHarness {
  cluster: RunningCluster;
  dir: string;
  /** Runs kubectl with the stand-in's kubeconfig and a cache dir fresh for this harness; never throws on exit code. */
  run(args: string[], o?: { kubeconfig?: string }): Promise<KubectlResult>;
  /** Writes a manifest into the harness folder and returns its path. */
  manifest(name: string, text: string): Promise<string>;
  /** Starts a long-running kubectl (get -w) whose output lines can be awaited. */
  spawn(args: string[]): WatchedProcess;
  stop(): Promise<void>;
}

export interface WatchedProcess {
  lines: string[];
  /** Resolves with the first line (counting from `from`) that matches, or rejects after `timeoutMs`. */
  waitForLine(match: RegExp, o?: { from?: number; timeoutMs?: number }): Promise<string>;
  kill(): Promise<void>;
}

/** A Kubernetes stand-in on a free port, in a temporary data folder, with its kubeconfig. */
export async function startKubectlHarness(): Promise<KubectlHarness> {
  const dir = await mkdtemp(join(tmpdir(), "kubectl-test-"));
  const tls = await ensureTlsMaterial(join(dir, "local-stack"));
  const cluster = await startCluster({
    dataDir: join(dir, "kube"), tls, caFile: tls.caFile, host: "127.0.0.1", port: 0,
    kubeconfigFile: join(dir, "local-stack", "kubeconfig"), seed: true,
  });
  const cacheDir = await mkdtemp(join(dir, "kube-cache-"));
  const base = (kubeconfig = cluster.kubeconfig) => ["--kubeconfig", kubeconfig, "--cache-dir", cacheDir];
  const children = new Set<ChildProcess>();
  return {
    cluster,
    dir,
    run: (args, o = {}) => new Promise((resolve) => {
      execFile(KUBECTL, [...base(o.kubeconfig), ...args], { timeout: 30_000, env: kubectlEnv(dir) }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    }),
    async manifest(name, text) {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    spawn(args) {
      const child = spawn(KUBECTL, [...base(), ...args], { env: kubectlEnv(dir), stdio: ["ignore", "pipe", "pipe"] });
      children.add(child);
      return watched(child, () => children.delete(child));
    },
    async stop() {
      for (const child of children) child.kill("SIGKILL");
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A HOME of its own (no user kubeconfig or cache), no proxies: only the flags we pass reach kubectl. */
function kubectlEnv(home: string): NodeJS.ProcessEnv {
  return { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH, HOME: home, KUBECTL_INTERACTIVE_DELETE: "false", NO_COLOR: "1" };
}

function watched(child: ChildProcess, forget: () => void): WatchedProcess {
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let partial = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
    for (const w of waiters) w();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => { forget(); resolve(); }));
  return {
    lines,
    waitForLine(match, o = {}) {
      const from = o.from ?? 0;
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.slice(from).find((l) => match.test(l));
          if (line === undefined) return;
          cleanup();
          resolve(line);
        };
        const timer = setTimeout(() => { cleanup(); reject(new Error(`no line matching ${match} in:\n${lines.join("\n")}`)); },
          o.timeoutMs ?? 15_000);
        const cleanup = () => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
        check();
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs kubectl and asserts it succeeded without a word on stderr; answers its stdout. */
export async function kubectlOk(h: KubectlHarness, args: string[]): Promise<string> {
  const r = await h.run(args);
  expect(r.stderr, `kubectl ${args.join(" ")}`).toBe("");
  expect(r.code).toBe(0);
  return r.stdout;
}

/** A SecretSync manifest mapping the vault's `kafka-user` to one key. */
export const secretSyncYaml = (name: string,
  o: { spc?: string; targetKey?: string; labels?: string; namespace?: string } = {}) => `
apiVersion: secret-sync.x-k8s.io/v1alpha1
kind: SecretSync
metadata:
  name: ${name}
${o.namespace ? `  namespace: ${o.namespace}\n` : ""}${o.labels ? `  labels: {${o.labels}}\n` : ""}spec:
  serviceAccountName: aio-ssc-sa
  secretProviderClassName: ${o.spc ?? "spc-ops-d6f672d"}
  secretObject:
    type: Opaque
    data:
      - {sourcePath: kafka-user, targetKey: ${o.targetKey ?? "username"}}
`;
