import { deviceList, deviceSaveResult } from "@/lib/schemas/device-api";
import { createDeviceBody, dryRunQuery } from "@/lib/schemas/device-form";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { services } from "@/server/wiring";
import { DEVICE_SAVE_MAX_BODY_BYTES } from "./body-limit";

export const dynamic = "force-dynamic";

/** The Devices page: one row per inbound endpoint. */
export const GET = route({}, async () => json(deviceList, await services().devices.list()));

/** Creates a device with its Key Vault secrets and synced secrets; `?dryRun=All` answers the plan only. */
export const POST = route({
  role: "operator",
  body: createDeviceBody,
  query: dryRunQuery,
  maxBodyBytes: DEVICE_SAVE_MAX_BODY_BYTES,
  audit: { action: "device.create" },
}, async ({ body, query, touched }) => {
  const dryRun = query.dryRun === "All";
  // The device the create is for names the audit entry even when the save fails before writing it (a
  // Kubernetes name from the parsed body, never a value).
  touched([`devices/${body.name}`]);
  const saved = await services().deviceSave.save({ mode: "create", ...body }, { dryRun });
  touched(saved.touched);
  return json(deviceSaveResult, saved.result, { status: dryRun ? 200 : 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
