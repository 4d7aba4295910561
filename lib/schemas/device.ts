import { z } from "zod";
import { kubeLabels, kubeMetadata, kubeObjectName } from "@/lib/schemas/kube-metadata";

/**
 * A Device (namespaces.deviceregistry.microsoft.com/v1, domain.md §3.2). The parts the portal edits are typed
 * (inbound endpoints and their secret references, written `<synced secret>/<key>`); every other field is kept as
 * it is (loose objects), so saving a device never drops what another tool set.
 */
export const deviceAuthentication = z.looseObject({
  method: z.string(),
  usernamePasswordCredentials: z.looseObject({
    usernameSecretName: z.string(),
    passwordSecretName: z.string(),
  }).optional(),
  x509Credentials: z.looseObject({
    certificateSecretName: z.string(),
    keySecretName: z.string().optional(),
    intermediateCertificatesSecretName: z.string().optional(),
  }).optional(),
});
export type DeviceAuthentication = z.infer<typeof deviceAuthentication>;

export const deviceInboundEndpoint = z.looseObject({
  address: z.string(),
  endpointType: z.string(),
  version: z.string().optional(),
  additionalConfiguration: z.string().optional(),
  authentication: deviceAuthentication.optional(),
  trustSettings: z.looseObject({ trustList: z.string().optional() }).optional(),
});
export type DeviceInboundEndpoint = z.infer<typeof deviceInboundEndpoint>;

export const deviceSpec = z.looseObject({
  enabled: z.boolean().optional(),
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  endpoints: z.looseObject({
    inbound: z.record(z.string(), deviceInboundEndpoint).optional(),
  }).optional(),
});
export type DeviceSpec = z.infer<typeof deviceSpec>;

export const device = kubeMetadata.extend({
  spec: deviceSpec,
  /** What the edge reports (configuration version, per-endpoint errors), as it is. */
  status: z.record(z.string(), z.unknown()).nullable(),
});
export type Device = z.infer<typeof device>;

export const newDeviceInput = z.object({ name: kubeObjectName, labels: kubeLabels.optional(), spec: deviceSpec });
export type NewDeviceInput = z.infer<typeof newDeviceInput>;
