import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");

/**
 * A temporary HOME whose browser trust store trusts the test stack's CA, made by the command a person runs,
 * `npm run stack -- trust` (NSS's certutil, into `$HOME/.pki/nssdb`, which Chromium on Linux reads). The CLI is run,
 * not imported: tests, like scripts, use the stack through its published interfaces.
 */
export function trustingHome(endpointsFile: string): { home: string; output: string; remove(): void } {
  const home = mkdtempSync(join(tmpdir(), "e2e-home-"));
  const dataDir = dirname(dirname(endpointsFile));              // <data>/local-stack/endpoints.json
  const output = execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "emulators", "cli.ts"), "trust", "--data-dir", dataDir],
    { cwd: ROOT, env: { ...process.env, HOME: home }, encoding: "utf8" });
  return { home, output, remove: () => rmSync(home, { recursive: true, force: true }) };
}
