import { execFile } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";
import { addCa, certutilAvailable, ensureNssDatabase, holdsCa, nssDatabases, removeCa } from "./nss-trust";

/**
 * `npm run stack -- trust` / `untrust`: the local stack's CA in this user's browser trust store, as mkcert does it.
 * Linux: the NSS databases of Chromium/Chrome and Firefox (nss-trust.ts). macOS: the login keychain
 * (`security add-trusted-cert`). Windows: the user's Root store (`certutil -addstore -user Root`). The macOS and
 * Windows paths are written from those tools' documentation and have not been run here.
 * Each function returns the lines it prints: what it changed, where.
 */
export interface TrustTarget {
  caFile: string;
  caPem: string;
  /** The CA's name in the store: its subject's CN, unique per data folder (tls.ts). */
  nickname: string;
}

export interface StoreOptions {
  home?: string;
  platform?: NodeJS.Platform;
}

export async function trustCa(ca: TrustTarget, o: StoreOptions = {}): Promise<string[]> {
  const home = o.home ?? homedir();
  switch (o.platform ?? process.platform) {
    case "linux": {
      const lines = [`Trusted "${ca.nickname}" for HTTPS servers in:`];
      for (const db of await nssDatabases(home)) {
        const created = await ensureNssDatabase(db.dir);
        await addCa(db.dir, ca.nickname, ca.caFile);
        lines.push(`  ${db.dir}  (${db.label}${created ? "; database created" : ""})`);
      }
      return [...lines, "Restart the browser to use it. `npm run stack -- untrust` takes it out again."];
    }
    case "darwin":
      await run("security", ["add-trusted-cert", "-r", "trustRoot", "-k", loginKeychain(home), ca.caFile]);
      return [`Trusted "${ca.nickname}" in your login keychain (Safari, Chrome; Firefox only with ` +
        `security.enterprise_roots.enabled). Restart the browser to use it.`];
    case "win32":
      await run("certutil", ["-addstore", "-user", "Root", ca.caFile]);
      return [`Trusted "${ca.nickname}" in your Windows user Root store (Edge, Chrome). Restart the browser to use it.`];
    default:
      throw new Error(`Do not know this platform's trust store (${o.platform ?? process.platform}): import ${ca.caFile} ` +
        "into your browser as a certificate authority for websites.");
  }
}

/** Takes the CA out again; `caPem` is optional (the data folder may be gone already: the nickname is enough). */
export async function untrustCa(ca: Omit<TrustTarget, "caPem" | "caFile"> & { caFile?: string; caPem?: string },
  o: StoreOptions = {}): Promise<string[]> {
  const home = o.home ?? homedir();
  switch (o.platform ?? process.platform) {
    case "linux": {
      if (!(await certutilAvailable())) return [`"${ca.nickname}" is in no browser store (certutil is not installed).`];
      const lines: string[] = [];
      for (const db of await nssDatabases(home)) {
        const removed = await removeCa(db.dir, ca.nickname);
        if (removed > 0) lines.push(`  ${db.dir}  (${db.label})`);
      }
      return lines.length > 0 ? [`No longer trusting "${ca.nickname}" in:`, ...lines]
        : [`"${ca.nickname}" was not trusted in any browser store.`];
    }
    case "darwin": {
      if (ca.caFile) await run("security", ["remove-trusted-cert", ca.caFile], true);
      const args = ca.caPem ? ["-Z", sha1(ca.caPem)] : ["-c", ca.nickname];
      await run("security", ["delete-certificate", ...args, loginKeychain(home)], true);
      return [`No longer trusting "${ca.nickname}" in your login keychain.`];
    }
    case "win32":
      await run("certutil", ["-delstore", "-user", "Root", ca.caPem ? sha1(ca.caPem) : ca.nickname], true);
      return [`No longer trusting "${ca.nickname}" in your Windows user Root store.`];
    default:
      return [`Remove "${ca.nickname}" from your browser's certificate authorities by hand.`];
  }
}

/** Whether this user's browsers trust the CA: known on Linux (Chromium's database); "unknown" elsewhere. */
export async function browserTrust(ca: TrustTarget, o: StoreOptions = {}): Promise<"trusted" | "untrusted" | "unknown"> {
  if ((o.platform ?? process.platform) !== "linux") return "unknown";
  try {
    if (!(await certutilAvailable())) return "untrusted";
    const [chromium] = await nssDatabases(o.home ?? homedir());
    return chromium && (await holdsCa(chromium.dir, ca.nickname, ca.caPem)) ? "trusted" : "untrusted";
  } catch {
    return "unknown";
  }
}

const loginKeychain = (home: string) => join(home, "Library", "Keychains", "login.keychain-db");
const sha1 = (pem: string) => createHash("sha1").update(new X509Certificate(pem).raw).digest("hex").toUpperCase();

function run(command: string, args: string[], allowFailure = false): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 120_000 }, (err, stdout, stderr) => {
      if (err && !allowFailure) reject(new Error(`${command} ${args.join(" ")} failed: ${(stderr || stdout || err.message).trim()}`));
      else resolve();
    });
  });
}
