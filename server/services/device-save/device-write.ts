import "server-only";
import { SAVE_ID_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { isStaleWrite } from "@/server/adapters/kube/errors";
import { AppError } from "@/server/errors";
import type { DeviceSaveKube } from "./deps";
import { sameJson } from "@/server/services/endpoint-save/same-json";
import { finalError } from "@/server/services/endpoint-save/steps";
import { deviceSpecFrom, type DeviceFormFields } from "./device-spec";
import type { DeviceObject, DevicePlan } from "./model";

/**
 * Step 2: the Device, with the save's idempotency key as `save-id`, so a retry knows its own write. An update
 * writes over step 0's read with its resourceVersion and is never re-applied to a newer Device: the form's edit
 * applies to what the operator saw. A Device already as the form wants it (a retry) is not written again.
 */
export async function writeDevice(kube: Pick<DeviceSaveKube, "devices">, plan: DevicePlan, form: DeviceFormFields,
  idempotencyKey: string): Promise<DeviceObject> {
  const change = (current: DeviceObject) => {
    const spec = deviceSpecFrom(form, current.spec);
    if (sameJson(spec, current.spec) && current.annotations?.[SAVE_ID_ANNOTATION] === idempotencyKey) return undefined;
    return { spec, annotations: { [SAVE_ID_ANNOTATION]: idempotencyKey } };
  };
  const ours = (d: DeviceObject) => d.annotations?.[SAVE_ID_ANNOTATION] === idempotencyKey;

  if (plan.base === null) {
    try {
      return await kube.devices.create({ name: plan.name, annotations: { [SAVE_ID_ANNOTATION]: idempotencyKey }, spec: plan.spec });
    } catch (err) {
      if (!(err instanceof AppError && err.upstream?.code === "AlreadyExists")) throw err;
      const existing = await kube.devices.get(plan.name);
      if (!ours(existing)) {
        throw finalError(new AppError("conflict", `A device named '${plan.name}' was created by someone else meanwhile; ` +
          "choose another name.", { errors: { name: [`'${plan.name}' was just taken`] } }));
      }
      return update(existing);
    }
  }
  return update(plan.base);

  async function update(base: DeviceObject): Promise<DeviceObject> {
    try {
      return await kube.devices.updateFrom(base, change, { pinned: true });
    } catch (err) {
      if (!isStaleWrite(err)) throw err;
      const now = await kube.devices.get(plan.name);
      // The same request, sent twice at once, finished it: that is our own write.
      if (ours(now) && change(now) === undefined) return now;
      throw finalError(new AppError("conflict", `Device '${plan.name}' was changed by someone else since you opened it; ` +
        "reload it and apply your changes again.", { upstream: { service: "kubernetes", code: "Conflict" } }));
    }
  }
}
