import { spawn, type ChildProcess } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { LocalStackEndpoints, PortalIdentity } from "./portal-env";
import type { SignInInfo } from "./start-notice";

const ROOT = resolve(__dirname, "..");

export interface StackProcessOptions {
  dataDir: string;
  /** Omit both for npm start's fixed ports (8444/8443, free ones if taken); pass 0 for free ports (tests). */
  portIdentity?: number;
  portKeyVault?: number;
  /** Kubernetes stand-in port; omitted: 6443, a free one if taken. */
  portKube?: number;
  portalUrl?: string;
  seed?: boolean;
  /** Where the stack's output goes; default: this terminal. */
  stdio?: "inherit" | "ignore";
  timeoutMs?: number;
  /** Called as soon as the child exists, before it is ready (npm start records its pid). */
  onSpawn?(child: ChildProcess): void;
}

export interface StackProcess {
  endpoints: LocalStackEndpoints;
  portalIdentity: PortalIdentity;
  /** For the person at the terminal: how to sign in and whether their browser trusts the stack's CA. */
  signIn?: SignInInfo;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

/**
 * Runs `emulators/main.ts` as a child process (its own process group, stdin piped so that it stops if we die) and
 * resolves once its ready file says every service answers. Used by `npm start` and by the e2e setup.
 */
export async function startStackProcess(o: StackProcessOptions): Promise<StackProcess> {
  const readyFile = join(resolve(o.dataDir), "local-stack", `ready-${process.pid}.json`);
  await rm(readyFile, { force: true });
  const args = ["--import", "tsx", join(ROOT, "emulators/main.ts"), "--data-dir", resolve(o.dataDir),
    "--ready-file", readyFile, "--stop-on-stdin-close"];
  if (o.portIdentity !== undefined) args.push("--port-identity", String(o.portIdentity));
  if (o.portKeyVault !== undefined) args.push("--port-key-vault", String(o.portKeyVault));
  if (o.portKube !== undefined) args.push("--port-kube", String(o.portKube));
  if (o.portalUrl) args.push("--portal-url", o.portalUrl);
  if (o.seed === false) args.push("--no-seed");
  const out = o.stdio ?? "inherit";
  const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ["pipe", out, out] });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  o.onSpawn?.(child);

  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const ready = await readReady(readyFile);
    if (ready) {
      await rm(readyFile, { force: true });   // it holds the portal's secret; the caller has it now
      return { ...ready, child, stop: () => stopChild(child, exited) };
    }
    const code = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
    if (code !== undefined) throw new Error(`The local stack exited (code ${code}) before it was ready.`);
  }
  await stopChild(child, exited);
  throw new Error("The local stack did not become ready in time.");
}

async function readReady(file: string): Promise<Pick<StackProcess, "endpoints" | "portalIdentity" | "signIn"> | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Pick<StackProcess, "endpoints" | "portalIdentity" | "signIn">;
  } catch {
    return undefined;
  }
}

/** Signals the child's whole process group (next dev has workers), escalating to SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, exited: Promise<unknown>, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup(child, "SIGKILL");               // stragglers of the group, if any
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}
