import {
  dataflowEndpointDeletePlan, dataflowEndpointDeleteQuery, dataflowEndpointDetail, dataflowEndpointSaveResult,
} from "@/lib/schemas/dataflow-endpoint-api";
import { dataflowEndpointNameParams, updateDataflowEndpointBody } from "@/lib/schemas/dataflow-endpoint-form";
import { dryRunQuery } from "@/lib/schemas/device-form";
import { AppError } from "@/server/errors";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { dataflowEndpointDeleteNames, dataflowEndpointSaveNames } from "@/server/services/dataflow-endpoint-audit-names";
import { services } from "@/server/wiring";
import { DATAFLOW_ENDPOINT_SAVE_MAX_BODY_BYTES } from "../body-limit";

export const dynamic = "force-dynamic";

/** The edit form's values (references as Key Vault secret names). */
export const GET = route({ params: dataflowEndpointNameParams }, async ({ params }) =>
  json(dataflowEndpointDetail, await services().dataflowEndpoints.detail(params.name)));

/** Saves the form over the endpoint it loaded (409 when its resourceVersion moved); `?dryRun=All` answers the plan. */
export const PUT = route({
  role: "operator",
  params: dataflowEndpointNameParams,
  body: updateDataflowEndpointBody,
  query: dryRunQuery,
  maxBodyBytes: DATAFLOW_ENDPOINT_SAVE_MAX_BODY_BYTES,
  // Step 0 reads while the audit intent is recorded; the save awaits it before its first write.
  writesAfterGate: true,
  audit: { action: "dataflow-endpoint.update", resources: (p) => [`dataflowendpoints/${p.name}`],
    intent: (_params, body) => dataflowEndpointSaveNames(body) },
}, async ({ params, body, query, touched, beforeWrite }) => {
  if (body.name !== params.name) {
    throw new AppError("bad-request", "A data flow endpoint cannot be renamed.",
      { errors: { name: [`Keep the endpoint name '${params.name}'`] } });
  }
  const dryRun = query.dryRun === "All";
  const saved = await services().dataflowEndpointSave.save({ mode: "update", ...body }, { dryRun, beforeWrite });
  touched(saved.touched);
  return json(dataflowEndpointSaveResult, saved.result);
});

/**
 * `?dryRun=All`: which synced secrets could go with the endpoint. Else deletes it (and the named ones): 204. AIO's
 * own `default` endpoint is never deleted (409 with the reason).
 */
export const DELETE = route({
  role: "operator",
  params: dataflowEndpointNameParams,
  query: dataflowEndpointDeleteQuery,
  audit: { action: "dataflow-endpoint.delete", resources: (p) => [`dataflowendpoints/${p.name}`],
    intent: (params, _body, query) => dataflowEndpointDeleteNames(params.name, query.deleteSyncedSecrets) },
}, async ({ params, query, touched }) => {
  if (query.dryRun === "All") {
    return json(dataflowEndpointDeletePlan, await services().dataflowEndpointSave.planDelete(params.name));
  }
  const deleted = await services().dataflowEndpointSave.delete(params.name, { deleteSyncedSecrets: query.deleteSyncedSecrets });
  touched(deleted.touched);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods("GET", "PUT", "DELETE");
