"use client";

import { firstErrorMessage } from "@/components/endpoint-form/form-errors";
import { fieldIds, FormField, INPUT_CLASS } from "@/components/endpoint-form/form-field";
import { useDeviceFormContext, type DeviceFormSettings } from "./form-context";
import { followSyncedSecretName } from "./synced-secret-name";

/** The device's own fields: name (fixed once created), manufacturer, model, enabled. */
export function DeviceFields({ settings }: { settings: DeviceFormSettings }) {
  const form = useDeviceFormContext();
  const { register, getValues, formState: { errors } } = form;
  const msg = {
    name: firstErrorMessage(errors.name),
    manufacturer: firstErrorMessage(errors.manufacturer),
    model: firstErrorMessage(errors.model),
  };
  const nameField = register("name");
  const editing = settings.mode === "edit";
  return (
    <section aria-labelledby="device-fields-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="device-fields-heading" className="text-base font-semibold text-slate-900">Device</h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <FormField id="device-name" label="Device name" error={msg.name} testId="device-name"
          hint={editing ? "A device's name cannot change." : "Lowercase letters, digits and dashes."}>
          <input
            {...nameField}
            {...fieldIds("device-name", { hint: true, error: msg.name })}
            readOnly={editing}
            aria-readonly={editing || undefined}
            onChange={(ev) => {
              const old = getValues("name");
              void nameField.onChange(ev);
              getValues("endpoints").forEach((e, i) => followSyncedSecretName(form, i,
                { device: old, endpoint: e.name }, { device: ev.target.value, endpoint: e.name }));
            }}
            autoComplete="off"
            spellCheck={false}
            className={`${INPUT_CLASS} font-mono`}
            data-testid="device-name"
          />
        </FormField>
        <FormField id="device-manufacturer" label="Manufacturer (optional)" error={msg.manufacturer} testId="device-manufacturer">
          <input {...register("manufacturer")} {...fieldIds("device-manufacturer", { error: msg.manufacturer })}
            autoComplete="off" className={INPUT_CLASS} data-testid="device-manufacturer" />
        </FormField>
        <FormField id="device-model" label="Model (optional)" error={msg.model} testId="device-model">
          <input {...register("model")} {...fieldIds("device-model", { error: msg.model })}
            autoComplete="off" className={INPUT_CLASS} data-testid="device-model" />
        </FormField>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" {...register("enabled")} data-testid="device-enabled-input" />
        Enabled
      </label>
    </section>
  );
}
