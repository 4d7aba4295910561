import { z } from "zod";
import { kubeLabels, kubeMetadata, kubeObjectName } from "@/lib/schemas/kube-metadata";

/**
 * A DataflowEndpoint (connectivity.iotoperations.azure.com/v1, domain.md §3.3): `endpointType` picks one
 * `<type>Settings` block, whose `authentication` may name a Secret (`secretRef`, a plain Secret name whose keys are
 * fixed by the method). Only the discriminating fields are typed; everything else is kept as it is.
 */
export const dataflowEndpointSpec = z.looseObject({
  endpointType: z.string(),
  hostType: z.string().optional(),
});
export type DataflowEndpointSpec = z.infer<typeof dataflowEndpointSpec>;

export const dataflowEndpoint = kubeMetadata.extend({
  spec: dataflowEndpointSpec,
  status: z.record(z.string(), z.unknown()).nullable(),
});
export type DataflowEndpoint = z.infer<typeof dataflowEndpoint>;

export const newDataflowEndpointInput = z.object({
  name: kubeObjectName, labels: kubeLabels.optional(), spec: dataflowEndpointSpec,
});
export type NewDataflowEndpointInput = z.infer<typeof newDataflowEndpointInput>;
