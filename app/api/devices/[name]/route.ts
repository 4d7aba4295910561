import { deviceDeletePlan, deviceDeleteQuery, deviceDetail, deviceSaveResult } from "@/lib/schemas/device-api";
import { deviceNameParams, dryRunQuery, updateDeviceBody } from "@/lib/schemas/device-form";
import { AppError } from "@/server/errors";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { deviceDeleteNames, deviceSaveNames } from "@/server/services/device-audit-names";
import { services } from "@/server/wiring";
import { DEVICE_SAVE_MAX_BODY_BYTES } from "../body-limit";

export const dynamic = "force-dynamic";

/** The edit form's values (references as Key Vault secret names). */
export const GET = route({ params: deviceNameParams }, async ({ params }) =>
  json(deviceDetail, await services().devices.detail(params.name)));

/** Saves the form over the device it loaded (409 when its resourceVersion moved); `?dryRun=All` answers the plan. */
export const PUT = route({
  role: "operator",
  params: deviceNameParams,
  body: updateDeviceBody,
  query: dryRunQuery,
  maxBodyBytes: DEVICE_SAVE_MAX_BODY_BYTES,
  // Step 0 reads while the audit intent is recorded; the save awaits it before its first write.
  writesAfterGate: true,
  audit: { action: "device.update", resources: (p) => [`devices/${p.name}`], intent: (_params, body) => deviceSaveNames(body) },
}, async ({ params, body, query, touched, beforeWrite }) => {
  if (body.name !== params.name) {
    throw new AppError("bad-request", "A device cannot be renamed.",
      { errors: { name: [`Keep the device name '${params.name}'`] } });
  }
  const dryRun = query.dryRun === "All";
  const saved = await services().deviceSave.save({ mode: "update", ...body, name: params.name }, { dryRun, beforeWrite });
  touched(saved.touched);
  return json(deviceSaveResult, saved.result);
});

/** `?dryRun=All`: which synced secrets could go with the device. Else deletes it (and the named ones): 204. */
export const DELETE = route({
  role: "operator",
  params: deviceNameParams,
  query: deviceDeleteQuery,
  audit: { action: "device.delete", resources: (p) => [`devices/${p.name}`],
    intent: (params, _body, query) => deviceDeleteNames(params.name, query.deleteSyncedSecrets) },
}, async ({ params, query, touched }) => {
  if (query.dryRun === "All") return json(deviceDeletePlan, await services().deviceSave.planDelete(params.name));
  const deleted = await services().deviceSave.delete(params.name, { deleteSyncedSecrets: query.deleteSyncedSecrets });
  touched(deleted.touched);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods("GET", "PUT", "DELETE");
