import "server-only";
import { keyVaultSecretName } from "@/lib/schemas/key-vault-secret";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { EndpointReference } from "@/server/services/devices-read/endpoint-references";

export type Resolution = { keyVaultSecretName: string } | { reason: string };

/**
 * The Key Vault secret a reference `<synced>/<key>` stands for (a device's, or a data flow endpoint's `secretRef`
 * with one of its method's keys): the SecretSync maps the key to a file (`targetKey` → `sourcePath`), and its
 * SecretProviderClass names the Key Vault object behind that file (`fileName`, i.e. `objectAlias` else
 * `objectName` → `objectName`). Anything the form could not show as
 * "this Key Vault secret, latest version" is a reason instead.
 */
export function resolveReference(ref: Pick<EndpointReference, "syncedSecretName" | "key" | "reference">,
  syncs: ReadonlyMap<string, SecretSync>, classes: ReadonlyMap<string, SecretProviderClass>): Resolution {
  const synced = `synced secret '${ref.syncedSecretName}'`;
  if (ref.key === null) return { reason: `'${ref.reference}' names no key (expected <synced secret>/<key>)` };
  const sync = syncs.get(ref.syncedSecretName);
  if (!sync) return { reason: `Synced secret '${ref.syncedSecretName}' does not exist` };
  const mapping = sync.data.find((m) => m.targetKey === ref.key);
  if (!mapping) return { reason: `Synced secret '${ref.syncedSecretName}' has no key '${ref.key}'` };
  // With objectVersionHistory the provider writes `<file>/0` (current), `<file>/1`…: only the current one is "latest".
  const [file = "", version] = mapping.sourcePath.split("/");
  if (version !== undefined && version !== "0") {
    return { reason: `Key '${ref.key}' of ${synced} maps an older version ('${mapping.sourcePath}'); the form picks latest versions only` };
  }
  const spc = classes.get(sync.secretProviderClassName);
  if (!spc) return { reason: `SecretProviderClass '${sync.secretProviderClassName}' of ${synced} does not exist` };
  if (spc.objectsProblem) return { reason: `SecretProviderClass '${spc.name}' has objects the portal cannot read` };
  const object = spc.objects.find((o) => o.fileName === file);
  if (!object) return { reason: `SecretProviderClass '${spc.name}' has no object for '${file}' (key '${ref.key}' of ${synced})` };
  const type = object.objectType?.toLowerCase() ?? "secret";
  if (type !== "secret") return { reason: `'${file}' is a Key Vault ${type}, not a secret` };
  if (object.objectVersion && object.objectVersion.toLowerCase() !== "latest") {
    return { reason: `'${file}' is pinned to one version of Key Vault secret '${object.objectName}'; the form picks latest versions only` };
  }
  if (!keyVaultSecretName.safeParse(object.objectName).success) {
    return { reason: `'${object.objectName}' is not a Key Vault secret name` };
  }
  return { keyVaultSecretName: object.objectName };
}
