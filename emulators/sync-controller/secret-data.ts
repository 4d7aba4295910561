import { createHmac, createPrivateKey, X509Certificate } from "node:crypto";
import { SyncFailure } from "./conditions";

export interface DataMapping { sourcePath: string; targetKey: string }

const TLS_TYPE = "kubernetes.io/tls";
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * The Secret's `data` from the provider's files: `data[targetKey] = files[sourcePath]`. A sourcePath the SPC does
 * not produce, or a kubernetes.io/tls Secret with a key other than tls.crt/tls.key or without a PEM certificate /
 * private key in its source, is UserInputValidationFailed (upstream secretutil.BuildKubeSecretData).
 */
export function buildSecretData(mappings: readonly DataMapping[], type: string, files: ReadonlyMap<string, Buffer>): Record<string, Buffer> {
  const data: Record<string, Buffer> = {};
  for (const m of mappings) {
    const content = files.get(m.sourcePath);
    if (content === undefined) {
      throw new SyncFailure("UserInputValidationFailed",
        `sourcePath "${m.sourcePath}" (targetKey "${m.targetKey}") is not an object of the SecretProviderClass ` +
        "(objectName or objectAlias)");
    }
    data[m.targetKey] = type === TLS_TYPE ? tlsPart(m, content) : content;
  }
  return data;
}

function tlsPart(m: DataMapping, content: Buffer): Buffer {
  const blocks = [...content.toString("utf8").matchAll(PEM_BLOCK)].map((b) => ({ label: b[1]!, pem: b[0] }));
  if (m.targetKey === "tls.crt") {
    const certs = blocks.filter((b) => b.label === "CERTIFICATE");
    if (certs.length === 0) throw tlsError(m, "no PEM certificate found");
    try {
      for (const c of certs) new X509Certificate(c.pem);
    } catch {
      throw tlsError(m, "a PEM certificate block does not parse");
    }
    return Buffer.from(`${certs.map((c) => c.pem).join("\n")}\n`);
  }
  if (m.targetKey === "tls.key") {
    const key = blocks.find((b) => b.label.endsWith("PRIVATE KEY"));
    if (!key) throw tlsError(m, "no PEM private key found");
    try {
      createPrivateKey(key.pem);
    } catch {
      throw tlsError(m, "the PEM private key does not parse");
    }
    return Buffer.from(`${key.pem}\n`);
  }
  throw new SyncFailure("UserInputValidationFailed",
    `targetKey "${m.targetKey}" is not allowed in a ${TLS_TYPE} secret: use tls.crt or tls.key`);
}

function tlsError(m: DataMapping, why: string): SyncFailure {
  return new SyncFailure("UserInputValidationFailed", `sourcePath "${m.sourcePath}" for ${m.targetKey}: ${why}`);
}

/**
 * syncHash: what changed since the last sync — the data, the SPC (uid, generation), the SecretSync (uid,
 * generation) and forceSynchronization — keyed by the SecretSync's uid. Upstream derives an HMAC-SHA512 key with
 * pbkdf2; only equality matters to clients, so one HMAC-SHA512 (prefixed "v1") is enough here.
 */
export function syncHash(data: Record<string, Buffer>, spc: { uid: string; generation: number },
  ss: { uid: string; generation: number; forceSynchronization: string }): string {
  const sorted = Object.keys(data).sort().map((k) => [k, data[k]!.toString("base64")]);
  const parts = [spc.uid, String(spc.generation), ss.uid, String(ss.generation), ss.forceSynchronization].join("|");
  return `v1${createHmac("sha512", ss.uid).update(JSON.stringify(Object.fromEntries(sorted))).update(parts).digest("hex")}`;
}
