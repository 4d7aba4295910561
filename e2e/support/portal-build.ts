import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The tests' own build folder: `npm start` serves `.next`, which a test run must never rebuild under it. */
export const TEST_DIST_DIR = ".next-test";

const SOURCES = ["app", "components", "lib", "server", "public"];
const CONFIG_FILES = ["next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const MAX_FILES = 20_000; // bounded walk

function newestMtime(root: string): number {
  let newest = 0;
  let seen = 0;
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_FILES) return;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCES) walk(join(root, d));
  for (const f of CONFIG_FILES) {
    try {
      newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
    } catch {
      // optional file
    }
  }
  return newest;
}

function builtAt(root: string): number {
  try {
    return statSync(join(root, TEST_DIST_DIR, "BUILD_ID")).mtimeMs;
  } catch {
    return 0;
  }
}

/** Runs `next build` into `.next-test` when that build is missing or older than any source file. */
export function ensurePortalBuild(root: string, env: NodeJS.ProcessEnv): void {
  if (builtAt(root) > newestMtime(root)) return;
  console.log(`[e2e] building the portal into ${TEST_DIST_DIR}/ (missing or stale)…`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    env: { ...env, NEXT_DIST_DIR: TEST_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(`next build failed (exit ${r.status}):\n${(r.stdout ?? "").slice(-4000)}\n${(r.stderr ?? "").slice(-4000)}`);
  }
  console.log(`[e2e] built in ${Math.round((Date.now() - started) / 1000)} s`);
}
