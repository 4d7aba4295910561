import { join, resolve } from "node:path";

/** The one vault of the local stack; SecretProviderClasses name it as `keyvaultName`. */
export const VAULT_NAME = "opsportal-demo-kv";

/** Where each part of the local stack keeps its state under the data folder (see docs/architecture.md). */
export function stackLayout(dataDir: string) {
  const root = resolve(dataDir);
  const localStack = join(root, "local-stack");
  return {
    root,
    localStack,
    endpointsFile: join(localStack, "endpoints.json"),
    lockFile: join(localStack, "stack.pid"),
    identityDir: join(root, "identity"),
    keyVaultDir: join(root, "key-vault"),
    kubeDir: join(root, "kube"),
    kubeconfigFile: join(localStack, "kubeconfig"),
  };
}
