"use client";

import { deleteDataflowEndpoint } from "@/lib/api/dataflow-endpoints";
import { dataflowEndpointDeletePlanQuery, dataflowEndpointKeys } from "@/lib/queries/dataflow-endpoints";
import { DeleteDialog } from "@/components/endpoint-form/delete-dialog";

/**
 * Delete data flow endpoint and its confirmation: its synced secret may go with it when nothing else uses it
 * (unticked by default); Key Vault secrets are never deleted. Never offered for AIO's own `default` endpoint.
 */
export function DeleteEndpointDialog({ name }: { name: string }) {
  return (
    <DeleteDialog
      what="data flow endpoint"
      name={name}
      consequence="This removes the endpoint from the cluster; data flows that use it stop working."
      planQuery={dataflowEndpointDeletePlanQuery(name)}
      remove={(secrets) => deleteDataflowEndpoint(name, secrets)}
      listHref="/dataflow-endpoints"
      detailKey={dataflowEndpointKeys.detail(name)}
      listKey={dataflowEndpointKeys.list()}
      testIdPrefix="dataflow-endpoint"
    />
  );
}
