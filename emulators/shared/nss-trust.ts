import { execFile } from "node:child_process";
import { access, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";

/**
 * The NSS certificate databases browsers read on Linux, changed with NSS's `certutil` (Debian: libnss3-tools), as
 * mkcert does: `~/.pki/nssdb` (Chromium and Chrome) and each Firefox profile. Trust flags "C,,": a CA trusted to
 * issue TLS server certificates, nothing else.
 */
export interface NssDatabase {
  dir: string;
  /** What reads it, for the user: "Chromium and Chrome" or "Firefox profile <name>". */
  label: string;
}

export class CertutilMissing extends Error {
  constructor() {
    super("certutil (NSS tools) is not installed: `sudo apt-get install libnss3-tools` on Debian and Ubuntu, " +
      "`sudo dnf install nss-tools` on Fedora.");
  }
}

/** `~/.pki/nssdb` (whether it exists yet or not) and every Firefox profile that has a database. */
export async function nssDatabases(home: string): Promise<NssDatabase[]> {
  const dbs: NssDatabase[] = [{ dir: join(home, ".pki", "nssdb"), label: "Chromium and Chrome" }];
  for (const root of [join(home, ".mozilla", "firefox"), join(home, "snap", "firefox", "common", ".mozilla", "firefox")]) {
    let names: string[];
    try {
      names = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (await exists(join(root, name, "cert9.db"))) dbs.push({ dir: join(root, name), label: `Firefox profile ${name}` });
    }
  }
  return dbs;
}

/** Creates the database without a password when missing (Chromium creates it on first run; we may come first). */
export async function ensureNssDatabase(dir: string): Promise<boolean> {
  if (await exists(join(dir, "cert9.db"))) return false;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await certutil(["-N", "-d", `sql:${dir}`, "--empty-password"]);
  return true;
}

/** Adds the CA under `nickname`, replacing whatever that nickname held (an earlier CA of the same data folder). */
export async function addCa(dir: string, nickname: string, caFile: string): Promise<void> {
  await removeCa(dir, nickname);
  await certutil(["-A", "-d", `sql:${dir}`, "-t", "C,,", "-n", nickname, "-i", caFile]);
}

/** Removes every certificate under `nickname`; returns how many there were. */
export async function removeCa(dir: string, nickname: string): Promise<number> {
  if (!(await exists(join(dir, "cert9.db")))) return 0;
  let removed = 0;
  // Bounded: a nickname holds one certificate per CA ever added under it, a handful at most.
  while (removed < 20) {
    const r = await certutil(["-D", "-d", `sql:${dir}`, "-n", nickname], { allowFailure: true });
    if (r.code !== 0) break;
    removed++;
  }
  return removed;
}

/** True when the database holds `caPem` under `nickname` with the trust flags `addCa` gives. */
export async function holdsCa(dir: string, nickname: string, caPem: string): Promise<boolean> {
  if (!(await exists(join(dir, "cert9.db")))) return false;
  const pem = await certutil(["-L", "-d", `sql:${dir}`, "-n", nickname, "-a"], { allowFailure: true });
  if (pem.code !== 0 || !pem.stdout.split(/(?=-----BEGIN)/).some((p) => sameCertificate(p, caPem))) return false;
  const list = await certutil(["-L", "-d", `sql:${dir}`], { allowFailure: true });
  return list.stdout.split("\n").some((line) => line.startsWith(nickname) && /\sC,/.test(line.slice(nickname.length)));
}

/** Whether NSS's certutil is on PATH (it is not on a default desktop install). */
export async function certutilAvailable(): Promise<boolean> {
  try {
    await certutil(["-H"], { allowFailure: true });
    return true;
  } catch (err) {
    if (err instanceof CertutilMissing) return false;
    throw err;
  }
}

const sameCertificate = (a: string, b: string) => body(a) !== "" && body(a) === body(b);
const body = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");

interface Result { code: number; stdout: string; stderr: string }

function certutil(args: string[], o: { allowFailure?: boolean } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    execFile("certutil", args, { timeout: 30_000 }, (err, stdout, stderr) => {
      if ((err as NodeJS.ErrnoException | null)?.code === "ENOENT") return reject(new CertutilMissing());
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      if (code !== 0 && !o.allowFailure) {
        return reject(new Error(`certutil ${args.join(" ")} failed: ${(stderr || stdout).trim()}`));
      }
      resolve({ code, stdout, stderr });
    });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
