import { defaultSyncedSecretName } from "@/lib/schemas/device-form";
import type { DeviceFormMethods } from "./form-context";
import { followedSyncedSecretName } from "./form-values";

type Names = { device: string; endpoint: string };

/** After the device or an endpoint is renamed: the endpoint's synced secret name follows, unless it was edited. */
export function followSyncedSecretName(form: DeviceFormMethods, index: number, old: Names, next: Names): void {
  const path = `endpoints.${index}.syncedSecretName` as const;
  const current = form.getValues(path) ?? "";
  const followed = followedSyncedSecretName(current, old, next);
  if (followed !== current) form.setValue(path, followed, { shouldDirty: true });
}

/** The endpoint got its first reference but has no synced secret name yet (loaded without one): suggest the default. */
export function fillSyncedSecretName(form: DeviceFormMethods, index: number): void {
  const path = `endpoints.${index}.syncedSecretName` as const;
  if ((form.getValues(path) ?? "") !== "") return;
  const name = defaultSyncedSecretName(form.getValues("name"), form.getValues(`endpoints.${index}.name`));
  form.setValue(path, name, { shouldDirty: true });
}
