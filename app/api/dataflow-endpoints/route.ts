import { dataflowEndpointList, dataflowEndpointSaveResult } from "@/lib/schemas/dataflow-endpoint-api";
import { createDataflowEndpointBody } from "@/lib/schemas/dataflow-endpoint-form";
import { dryRunQuery } from "@/lib/schemas/device-form";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { dataflowEndpointSaveNames } from "@/server/services/dataflow-endpoint-audit-names";
import { services } from "@/server/wiring";
import { DATAFLOW_ENDPOINT_SAVE_MAX_BODY_BYTES } from "./body-limit";

export const dynamic = "force-dynamic";

/** The Data flow endpoints page: one row per endpoint. */
export const GET = route({}, async () => json(dataflowEndpointList, await services().dataflowEndpoints.list()));

/** Creates an endpoint with the Key Vault secrets and synced secret its method needs; `?dryRun=All` answers the plan only. */
export const POST = route({
  role: "operator",
  body: createDataflowEndpointBody,
  query: dryRunQuery,
  maxBodyBytes: DATAFLOW_ENDPOINT_SAVE_MAX_BODY_BYTES,
  // The intent names the endpoint, its synced secret and Key Vault secrets (names from the parsed body, never a value).
  // Step 0 reads while the audit intent is recorded; the save awaits it before its first write.
  writesAfterGate: true,
  audit: { action: "dataflow-endpoint.create", intent: (_params, body) => dataflowEndpointSaveNames(body) },
}, async ({ body, query, touched, beforeWrite }) => {
  const dryRun = query.dryRun === "All";
  // The endpoint names a failed dry run's entry too (it has no intent).
  touched([`dataflowendpoints/${body.name}`]);
  const saved = await services().dataflowEndpointSave.save({ mode: "create", ...body }, { dryRun, beforeWrite });
  touched(saved.touched);
  return json(dataflowEndpointSaveResult, saved.result, { status: dryRun ? 200 : 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
