import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { needsBuild } from "../../scripts/build-check";

/** The tests' own build folder: `npm start` serves `.next`, which a test run must never rebuild under it. */
export const TEST_DIST_DIR = ".next-test";

/** Runs `next build` into `.next-test` when that build is missing or older than any source file. */
export async function ensurePortalBuild(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!(await needsBuild(root, TEST_DIST_DIR))) return;
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
