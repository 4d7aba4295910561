import "server-only";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { KeyVaultSecretsAdapter } from "@/server/adapters/key-vault";
import type { KubeAdapter } from "@/server/adapters/kube";

/** The parts of the cluster adapter an endpoint save (device or data flow endpoint) reads and writes. */
export type EndpointSaveKube = Pick<KubeAdapter,
  "namespace" | "instance" | "secretProviderClasses" | "secretSyncs" | "devices" | "dataflowEndpoints">;

/** The parts of the Key Vault adapter it uses: existence checks, and single-attempt writes. */
export type EndpointSaveVault = Pick<KeyVaultSecretsAdapter, "vault" | "getSecretProperties" | "getDeletedSecret" | "setSecretOnce">;

export interface EndpointSaveDeps {
  kube: EndpointSaveKube;
  vault: EndpointSaveVault;
  /** SPC_OBJECT_GRACE_SECONDS: an object of the default SPC no SecretSync maps is removed after this long. */
  graceSeconds: number;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /** Told of each Key Vault secret a save wrote (its properties, never the value), e.g. to update the name index. */
  onVaultSecretWritten?: (secret: KeyVaultSecretSummary) => void;
}
