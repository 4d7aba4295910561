import "server-only";
import type { DeviceDetail } from "@/lib/schemas/device-api";
import type { DeviceInboundEndpoint } from "@/lib/schemas/device";
import type { DeviceSecretField } from "@/lib/schemas/device-form";
import type { ExistingSecretReference } from "@/lib/schemas/secret-reference";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import { endpointReferences, endpointSyncedSecretName } from "@/server/services/devices-read/endpoint-references";
import { resolveReference } from "@/server/services/devices-read/resolve-reference";

type EndpointDetail = DeviceDetail["endpoints"][number];
export type EndpointFormValues = Omit<EndpointDetail, "sync" | "edgeError">;

/**
 * One inbound endpoint as the edit form shows it: each `<synced>/<key>` reference becomes the Key Vault secret it
 * stands for (an `existing` reference, never a value); one that cannot be resolved leaves its field empty and
 * says why in `unresolved`.
 */
export function endpointFormValues(name: string, e: DeviceInboundEndpoint, syncs: ReadonlyMap<string, SecretSync>,
  classes: ReadonlyMap<string, SecretProviderClass>): EndpointFormValues {
  const references = endpointReferences(e);
  const resolved = new Map<DeviceSecretField, ExistingSecretReference>();
  const unresolved: EndpointDetail["unresolved"] = [];
  for (const ref of references) {
    const r = resolveReference(ref, syncs, classes);
    if ("keyVaultSecretName" in r) resolved.set(ref.field, { source: "existing", keyVaultSecretName: r.keyVaultSecretName });
    else unresolved.push({ field: ref.field, reference: ref.reference, reason: r.reason });
  }
  const value = (field: DeviceSecretField) => resolved.get(field) ?? null;
  return {
    name,
    endpointType: e.endpointType,
    address: e.address,
    version: e.version ?? "",
    additionalConfiguration: e.additionalConfiguration ?? "",
    trustList: value("trustList"),
    authentication: authenticationOf(e, value, unresolved),
    syncedSecretName: endpointSyncedSecretName(references) ?? "",
    unresolved,
  };
}

function authenticationOf(e: DeviceInboundEndpoint, value: (f: DeviceSecretField) => ExistingSecretReference | null,
  unresolved: EndpointDetail["unresolved"]): EndpointDetail["authentication"] {
  const method = e.authentication?.method ?? "Anonymous";
  switch (method) {
    case "Anonymous":
      return { method };
    case "UsernamePassword":
      return { method, username: value("username"), password: value("password") };
    case "Certificate":
      return { method, certificate: value("certificate"), key: value("key"), intermediateCertificates: value("intermediateCertificates") };
    default:
      // The form knows three methods; saving from it would replace this one, so the form must say so.
      unresolved.push({ field: "authentication", reference: method, reason: `The form does not know the authentication method '${method}'` });
      return { method: "Anonymous" };
  }
}
