"use client";

import { useWatch } from "react-hook-form";
import { ENDPOINT_TYPES } from "@/lib/schemas/device-form";
import { Button } from "@/components/ui/button";
import { firstErrorMessage } from "@/components/endpoint-form/form-errors";
import { fieldIds, FormField, INPUT_CLASS } from "@/components/endpoint-form/form-field";
import { SyncedSecretNameField } from "@/components/endpoint-form/synced-secret-name-field";
import { AuthenticationFields } from "./authentication-fields";
import { DeviceSecretField } from "./device-secret-field";
import { EndpointTypeField } from "./endpoint-type-field";
import { useDeviceFormContext, type DeviceFormSettings } from "./form-context";
import { fillSyncedSecretName, followSyncedSecretName } from "./synced-secret-name";

const ADDRESS_PLACEHOLDER: Record<string, string> = {
  [ENDPOINT_TYPES.opcUa]: "opc.tcp://host:4840",
  [ENDPOINT_TYPES.onvif]: "http://host/onvif/device_service",
};

/** One inbound endpoint: where it is, what it is, how it authenticates, and the synced secret holding its references. */
export function EndpointFields({ index, settings, onRemove }: {
  index: number;
  settings: DeviceFormSettings;
  /** Null when it cannot be removed (the last endpoint, or a read-only form). */
  onRemove: (() => void) | null;
}) {
  const form = useDeviceFormContext();
  const { register, control, getValues, setValue, formState: { errors } } = form;
  const endpointType = useWatch({ control, name: `endpoints.${index}.endpointType` }) ?? "";
  const endpointName = useWatch({ control, name: `endpoints.${index}.name` });
  const e = errors.endpoints?.[index];
  const idBase = `endpoint-${index}`;
  const msg = {
    name: firstErrorMessage(e?.name),
    address: firstErrorMessage(e?.address),
    version: firstErrorMessage(e?.version),
    additionalConfiguration: firstErrorMessage(e?.additionalConfiguration),
    syncedSecretName: firstErrorMessage(e?.syncedSecretName),
  };
  const nameField = register(`endpoints.${index}.name`);
  const onPicked = () => fillSyncedSecretName(form, index);

  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="endpoint-fields" data-index={index}>
      <legend className="px-1 text-base font-semibold text-slate-900">
        Inbound endpoint {index + 1}{endpointName ? <span className="font-mono font-normal">: {endpointName}</span> : null}
      </legend>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField id={`${idBase}-name`} label="Name" error={msg.name} testId="endpoint-name">
          <input
            {...nameField}
            {...fieldIds(`${idBase}-name`, { error: msg.name })}
            onChange={(ev) => {
              const device = getValues("name");
              const old = getValues(`endpoints.${index}.name`);
              void nameField.onChange(ev);
              followSyncedSecretName(form, index, { device, endpoint: old }, { device, endpoint: ev.target.value });
            }}
            autoComplete="off"
            spellCheck={false}
            className={INPUT_CLASS}
            data-testid="endpoint-name"
          />
        </FormField>
        <EndpointTypeField
          index={index}
          idBase={idBase}
          onTypeChange={(next) => {
            // The trust list is OPC UA's: another type neither shows nor keeps it.
            if (next !== ENDPOINT_TYPES.opcUa) setValue(`endpoints.${index}.trustList`, null);
          }}
        />
        <FormField id={`${idBase}-address`} label="Address" error={msg.address} testId="endpoint-address" className="md:col-span-2">
          <input
            {...register(`endpoints.${index}.address`)}
            {...fieldIds(`${idBase}-address`, { error: msg.address })}
            placeholder={ADDRESS_PLACEHOLDER[endpointType] ?? "Address"}
            autoComplete="off"
            spellCheck={false}
            className={`${INPUT_CLASS} font-mono`}
            data-testid="endpoint-address"
          />
        </FormField>
        <FormField id={`${idBase}-version`} label="Version (optional)" error={msg.version} testId="endpoint-version">
          <input
            {...register(`endpoints.${index}.version`)}
            {...fieldIds(`${idBase}-version`, { error: msg.version })}
            autoComplete="off"
            className={INPUT_CLASS}
            data-testid="endpoint-version"
          />
        </FormField>
        <FormField
          id={`${idBase}-config`}
          label="Additional configuration (optional)"
          hint="A JSON object the connector reads, e.g. {&quot;publishingInterval&quot;: 1000}"
          error={msg.additionalConfiguration}
          testId="endpoint-additional-configuration"
          className="md:col-span-2"
        >
          <textarea
            {...register(`endpoints.${index}.additionalConfiguration`)}
            {...fieldIds(`${idBase}-config`, { hint: true, error: msg.additionalConfiguration })}
            rows={4}
            spellCheck={false}
            className={`${INPUT_CLASS} font-mono text-xs`}
            data-testid="endpoint-additional-configuration"
          />
        </FormField>
      </div>

      {endpointType === ENDPOINT_TYPES.opcUa ? (
        <DeviceSecretField
          name={`endpoints.${index}.trustList`}
          label="Trust list (optional)"
          field="trustList"
          certificateRole="trustList"
          disabledReason={settings.secretFieldsDisabledReason}
          onPicked={onPicked}
        />
      ) : null}

      <AuthenticationFields index={index} disabledReason={settings.secretFieldsDisabledReason} onPicked={onPicked} />

      <SyncedSecretNameField
        id={`${idBase}-synced-secret`}
        registration={register(`endpoints.${index}.syncedSecretName`)}
        hint="The synced secret (SecretSync) that copies this endpoint's Key Vault secrets into the cluster. It follows the device and endpoint names until you change it."
        error={msg.syncedSecretName}
        testId="endpoint-synced-secret-name"
      />

      {onRemove ? (
        <div className="flex justify-end">
          <Button onClick={onRemove} data-testid="endpoint-remove" aria-label={`Remove inbound endpoint ${index + 1}`}>
            Remove endpoint
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
