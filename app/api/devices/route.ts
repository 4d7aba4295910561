import { deviceList, deviceSaveResult } from "@/lib/schemas/device-api";
import { createDeviceBody, dryRunQuery } from "@/lib/schemas/device-form";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { deviceSaveNames } from "@/server/services/device-audit-names";
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
  // The intent names the device, its synced secrets and Key Vault secrets (names from the parsed body, never a value).
  // Step 0 reads while the audit intent is recorded; the save awaits it before its first write.
  writesAfterGate: true,
  audit: { action: "device.create", intent: (_params, body) => deviceSaveNames(body) },
}, async ({ body, query, touched, beforeWrite }) => {
  const dryRun = query.dryRun === "All";
  // The device names a failed dry run's entry too (it has no intent).
  touched([`devices/${body.name}`]);
  const saved = await services().deviceSave.save({ mode: "create", ...body }, { dryRun, beforeWrite });
  touched(saved.touched);
  return json(deviceSaveResult, saved.result, { status: dryRun ? 200 : 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
