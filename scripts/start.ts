import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { request } from "node:http";
import { createServer } from "node:net";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { needsBuild } from "./build-check";
import { portalOutput, prettyPrint } from "./portal-output";
import { portalEnv } from "./portal-env";
import { claimDataDir, type RunRecordFile } from "./run-record";
import { startStackProcess, stopChild, type StackProcess } from "./stack-process";
import { signInNotice } from "./start-notice";
import { START_USAGE, startOptions } from "./start-options";

/**
 * `npm start` (production build, `next start`) and `npm run dev` (`--dev`, `next dev` with hot reload): the local
 * stack and the portal as one process tree. Ctrl-C or SIGTERM stops every child, process groups included; a kill -9
 * cannot be caught, so every child also stops by itself when its stdin pipe from us closes (the stack through
 * --stop-on-stdin-close, Next through the exit-with-parent.ts preload). `<data>/npm-start.json` records who runs
 * (run-record.ts): a second npm start on the same data folder is refused, leftovers of a killed one are stopped.
 */
const ROOT = resolve(__dirname, "..");
const NEXT_BIN = resolve(ROOT, "node_modules/next/dist/bin/next");
const EXIT_WITH_PARENT = pathToFileURL(join(__dirname, "exit-with-parent.ts")).href;
const options = (() => {
  try {
    return startOptions(process.argv.slice(2), process.env, ROOT);
  } catch (err) {
    console.error(`npm start: ${err instanceof Error ? err.message : String(err)}\n\n${START_USAGE}`);
    process.exit(2);
  }
})();
const { dataDir, dev, port } = options;
const portalUrl = `http://127.0.0.1:${port}`;

interface Running { name: string; child: ChildProcess; exited: Promise<number | null>; stop(): Promise<void> }
const running: Running[] = [];
let record: RunRecordFile | undefined;
let shuttingDown = false;

async function main(): Promise<void> {
  if (options.help) {
    console.log(START_USAGE);
    return process.exit(0);
  }
  const claim = await claimDataDir(dataDir, {
    command: ["node", relative(ROOT, process.argv[1] ?? ""), ...process.argv.slice(2)].join(" "),
    checkout: ROOT, portalUrl, startedAt: new Date().toISOString(),
  });
  if (claim.kind === "running") {
    const o = claim.owner;
    console.error(`Ops Portal is already running (pid ${o.pid}, since ${o.startedAt}, ${o.portalUrl}) on ${o.dataDir}` +
      `${o.checkout === ROOT ? "" : ` from ${o.checkout}`}. Use it, stop it (Ctrl-C in its terminal, or kill ${o.pid}), ` +
      `or start another one on its own data folder and port: PORT=3001 npm start -- --data-dir <dir> --free-ports`);
    return process.exit(1);
  }
  record = claim.record;
  if (claim.leftovers) {
    const { owner, stopped } = claim.leftovers;
    console.log(`Stopped what an earlier npm start (pid ${owner.pid}, killed before it could clean up) left running: ` +
      `${stopped.map((c) => `${c.name} (pid ${c.pid})`).join(", ")}.`);
  }
  // Otherwise the readiness poll below could mistake another server on that port for the portal.
  if (!(await portIsFree(port))) {
    throw new Error(`port ${port} is in use; stop what uses it (\`lsof -i :${port}\` names it) or set PORT`);
  }
  const stackPorts = options.freePorts ? { portIdentity: 0, portKeyVault: 0, portKube: 0 } : {};
  const [stack] = await Promise.all([
    startStackProcess({ dataDir, portalUrl, ...stackPorts, onSpawn: (child) => recordChild("local stack", child, "emulators/main.ts") })
      .then((s) => { track("local stack", s); return s; }),
    dev ? Promise.resolve() : buildIfNeeded(),
  ]);
  const interactive = process.stdout.isTTY === true;
  const portal = spawnTracked("portal", [NEXT_BIN, dev ? "dev" : "start", "-H", "127.0.0.1", "-p", String(port)],
    { ...process.env, ...portalEnv(stack.endpoints, stack.portalIdentity) }, { stdout: portalOutput(interactive) });
  if (interactive && portal.child.stdout) prettyPrint(portal.child.stdout);
  await waitForHttp(portalUrl, portal);
  console.log(`portal     ${portalUrl}${dev ? "  (next dev, hot reload)" : ""}`);
  if (stack.signIn) console.log(signInNotice(stack.signIn, portalUrl));
  console.log(`data       ${dataDir}\nCtrl-C stops everything.`);
}

async function buildIfNeeded(): Promise<void> {
  if (!(await needsBuild(ROOT, process.env.NEXT_DIST_DIR || undefined))) return;
  console.log("building the portal (next build)…");
  const build = spawnTracked("next build", [NEXT_BIN, "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    { mustStayUp: false });
  const code = await build.exited;
  running.splice(running.indexOf(build), 1);
  await record?.removeChild(build.child.pid!);
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}

function track(name: string, stack: StackProcess): void {
  const exited = new Promise<number | null>((r) => {
    if (stack.child.exitCode !== null) r(stack.child.exitCode);
    else stack.child.once("exit", (code) => r(code));
  });
  const entry = { name, child: stack.child, exited, stop: stack.stop };
  running.push(entry);
  void exited.then((code) => unexpectedExit(entry, code));
}

/**
 * A Next process in its own process group, with the exit-with-parent preload and our end of its stdin pipe: it
 * stops when we are gone, however we went.
 */
function spawnTracked(name: string, args: string[], env: NodeJS.ProcessEnv,
  o: { mustStayUp?: boolean; stdout?: "inherit" | "pipe" } = {}): Running {
  const stdio: StdioOptions = ["pipe", o.stdout ?? "inherit", "inherit"];
  const child = spawn(process.execPath, ["--import", EXIT_WITH_PARENT, ...args],
    { cwd: ROOT, env: { ...env, OPS_PORTAL_EXIT_WITH_PARENT: "1" }, detached: true, stdio });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const entry = { name, child, exited, stop: () => stopChild(child, exited) };
  running.push(entry);
  recordChild(name, child, `next ${args[1]}`);
  if (o.mustStayUp !== false) void exited.then((code) => unexpectedExit(entry, code));
  return entry;
}

function recordChild(name: string, child: ChildProcess, command: string): void {
  if (child.pid !== undefined) void record?.addChild({ name, pid: child.pid, command });
}

function unexpectedExit(entry: Running, code: number | null): void {
  if (shuttingDown) return;
  console.error(`${entry.name} exited unexpectedly (code ${code}); stopping everything.`);
  void shutdown(1);
}

async function shutdown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  // The portal first (it talks to the stack), then the stack.
  for (const entry of [...running].reverse()) await entry.stop();
  await record?.release().catch(() => undefined);
  process.exit(exitCode);
}

function portIsFree(p: number): Promise<boolean> {
  return new Promise((r) => {
    const probe = createServer().once("error", () => r(false));
    probe.listen(p, "127.0.0.1", () => probe.close(() => r(true)));
  });
}

/** Polls until the portal answers any HTTP status; bounded (next build is done by now, dev compiles lazily). */
async function waitForHttp(url: string, portal: Running, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (portal.child.exitCode !== null) throw new Error("the portal exited before it answered");
    const ok = await new Promise<boolean>((r) => {
      const req = request(url, { method: "HEAD", timeout: 2000 }, (res) => { res.resume(); r(true); });
      req.on("timeout", () => req.destroy());
      req.on("error", () => r(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the portal did not answer on ${url} within ${timeoutMs / 1000} s`);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));
// If whoever started us dies without a signal reaching us (kill -9 of npm), do not leave the children running.
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) void shutdown(0); }, 1000).unref();
main().catch((err: unknown) => {
  console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
