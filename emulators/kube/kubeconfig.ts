import { randomBytes } from "node:crypto";
import { readJson, writeFileAtomic, writeJsonAtomic } from "../shared/atomic-file";

/**
 * The kubeconfig the stack writes to `<data>/local-stack/kubeconfig` for kubectl, @kubernetes/client-node and
 * people: the server URL, the local CA as `certificate-authority`, a bearer token kept in the stand-in's state (so
 * it survives restarts), and the AIO namespace as the context's default.
 */
export interface KubeconfigOptions {
  server: string;                 // https://127.0.0.1:<port>
  caFile: string;                 // absolute path of the local CA (PEM)
  token: string;
  namespace: string;              // the context's default namespace
  clusterName: string;            // also the context name
  userName?: string;
}

/** The bearer token of `<kube data>/auth.json`, created (mode 600) at first start. */
export async function ensureKubeToken(file: string): Promise<string> {
  const existing = await readJson<{ token?: unknown }>(file);
  if (typeof existing?.token === "string" && existing.token.length > 0) return existing.token;
  const token = randomBytes(32).toString("base64url");
  await writeJsonAtomic(file, { token }, 0o600);
  return token;
}

/** YAML with every scalar double-quoted (JSON string syntax is valid YAML), so odd paths cannot break it. */
export function kubeconfigYaml(o: KubeconfigOptions): string {
  const q = (s: string) => JSON.stringify(s);
  const user = o.userName ?? `${o.clusterName}-admin`;
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- name: ${q(o.clusterName)}`,
    "  cluster:",
    `    server: ${q(o.server)}`,
    `    certificate-authority: ${q(o.caFile)}`,
    "users:",
    `- name: ${q(user)}`,
    "  user:",
    `    token: ${q(o.token)}`,
    "contexts:",
    `- name: ${q(o.clusterName)}`,
    "  context:",
    `    cluster: ${q(o.clusterName)}`,
    `    user: ${q(user)}`,
    `    namespace: ${q(o.namespace)}`,
    `current-context: ${q(o.clusterName)}`,
    "preferences: {}",
    "",
  ].join("\n");
}

/** Written atomically with mode 600: it holds a credential. */
export async function writeKubeconfig(path: string, o: KubeconfigOptions): Promise<void> {
  await writeFileAtomic(path, kubeconfigYaml(o), 0o600);
}
