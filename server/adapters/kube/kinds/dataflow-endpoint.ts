import "server-only";
import { dataflowEndpointSpec, type DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import type { CustomKind, CustomResources } from "@/server/adapters/kube/custom-resources";
import { specResourceAdapter, type SpecResourceAdapter } from "@/server/adapters/kube/kinds/spec-resource";

/** AIO's cluster projection of `Microsoft.IoTOperations/instances/dataflowEndpoints` (domain.md §3.3). */
export const DATAFLOW_ENDPOINT: CustomKind = {
  group: "connectivity.iotoperations.azure.com", version: "v1", plural: "dataflowendpoints", kind: "DataflowEndpoint",
};

export type DataflowEndpointsAdapter = SpecResourceAdapter<DataflowEndpointSpec>;

export const dataflowEndpointsAdapter = (resources: CustomResources, namespace: string): DataflowEndpointsAdapter =>
  specResourceAdapter(resources, DATAFLOW_ENDPOINT, namespace, dataflowEndpointSpec);
