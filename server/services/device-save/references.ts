import "server-only";
import type { DeviceSpec } from "@/lib/schemas/device";
import { endpointReferences, type DeviceSecretField, type InboundEndpointForm } from "@/lib/schemas/device-form";
import type { FormReference, StoredReference } from "./model";

/** The references a form holds, with the field path a refusal is shown at. */
export function formReferences(endpoints: readonly InboundEndpointForm[]): FormReference[] {
  return endpoints.flatMap((e, endpointIndex) => endpointReferences(e).map((r) => ({
    endpointIndex,
    endpointName: e.name,
    syncedSecretName: e.syncedSecretName,
    field: r.field,
    key: r.key,
    path: ["endpoints", endpointIndex, ...r.path].join("."),
    syncedSecretPath: `endpoints.${endpointIndex}.syncedSecretName`,
    reference: r.reference,
  })));
}

/** Where each secret field sits in a Device's inbound endpoint (domain.md §3.2). */
const STORED_FIELDS: [DeviceSecretField, (e: InboundEndpoint) => string | undefined][] = [
  ["username", (e) => e.authentication?.usernamePasswordCredentials?.usernameSecretName],
  ["password", (e) => e.authentication?.usernamePasswordCredentials?.passwordSecretName],
  ["certificate", (e) => e.authentication?.x509Credentials?.certificateSecretName],
  ["key", (e) => e.authentication?.x509Credentials?.keySecretName],
  ["intermediateCertificates", (e) => e.authentication?.x509Credentials?.intermediateCertificatesSecretName],
  ["trustList", (e) => e.trustSettings?.trustList],
];
type InboundEndpoint = NonNullable<NonNullable<DeviceSpec["endpoints"]>["inbound"]>[string];

/** The `<synced secret>/<key>` references a stored Device holds (the part before the first `/` is the synced secret). */
export function storedReferences(device: string, spec: DeviceSpec): StoredReference[] {
  const out: StoredReference[] = [];
  for (const [endpoint, inbound] of Object.entries(spec.endpoints?.inbound ?? {})) {
    for (const [field, read] of STORED_FIELDS) {
      const ref = read(inbound);
      if (!ref) continue;
      const slash = ref.indexOf("/");
      out.push({ device, endpoint, field, syncedSecretName: slash < 0 ? ref : ref.slice(0, slash),
        key: slash < 0 ? null : ref.slice(slash + 1) });
    }
  }
  return out;
}

/** How the form and the stored Device write one reference. */
export const referenceText = (syncedSecretName: string, key: string) => `${syncedSecretName}/${key}`;
