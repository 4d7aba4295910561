import "server-only";
import type { DeviceInboundEndpoint } from "@/lib/schemas/device";
import type { DeviceSecretField } from "@/lib/schemas/device-form";

/**
 * The secret references of one inbound endpoint, by form field. A Device names them `<synced secret>/<key>`
 * (domain.md §3.2). Only the credentials of the endpoint's own method count (a Device may keep leftovers of
 * another method, which the connector ignores and the form does not show), plus the trust list.
 */
export interface EndpointReference {
  field: DeviceSecretField;
  /** As written in the Device, e.g. `line-1-opcua/password`. */
  reference: string;
  syncedSecretName: string;
  /** Null when the reference has no `/<key>` part. */
  key: string | null;
}

export function endpointReferences(endpoint: DeviceInboundEndpoint): EndpointReference[] {
  const auth = endpoint.authentication;
  const written: [DeviceSecretField, string | undefined][] = [];
  if (auth?.method === "UsernamePassword") {
    written.push(["username", auth.usernamePasswordCredentials?.usernameSecretName],
      ["password", auth.usernamePasswordCredentials?.passwordSecretName]);
  } else if (auth?.method === "Certificate") {
    written.push(["certificate", auth.x509Credentials?.certificateSecretName], ["key", auth.x509Credentials?.keySecretName],
      ["intermediateCertificates", auth.x509Credentials?.intermediateCertificatesSecretName]);
  }
  written.push(["trustList", endpoint.trustSettings?.trustList]);
  return written.filter((w): w is [DeviceSecretField, string] => typeof w[1] === "string" && w[1] !== "")
    .map(([field, reference]) => {
      const slash = reference.indexOf("/");
      return slash < 0 ? { field, reference, syncedSecretName: reference, key: null }
        : { field, reference, syncedSecretName: reference.slice(0, slash), key: reference.slice(slash + 1) };
    });
}

/** The synced secret an endpoint's references name: the one the form edits (the first named, if several are). */
export function endpointSyncedSecretName(references: readonly EndpointReference[]): string | null {
  return references[0]?.syncedSecretName ?? null;
}
