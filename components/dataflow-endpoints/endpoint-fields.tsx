"use client";

import { useWatch } from "react-hook-form";
import { hasSecretMethod } from "@/lib/schemas/dataflow-endpoint-form";
import { SyncedSecretNameField } from "@/components/endpoint-form/synced-secret-name-field";
import { AuthenticationFields } from "./authentication-fields";
import { BatchingFields } from "./batching-fields";
import { ConnectionFields } from "./connection-fields";
import { batchingKind, hasTls, type EndpointKind } from "./endpoint-kinds";
import { useFieldError } from "./field-error";
import { useEndpointFormContext, type EndpointFormSettings } from "./form-context";
import { followedSyncedSecretName, suggestedSyncedSecretName } from "./form-values";
import { FixedKind } from "./kind-field";
import { TextField } from "./text-field";
import { TlsFields } from "./tls-fields";

const CARD = "flex flex-col gap-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm";

/** Everything of one kind of endpoint: its name, where it is, TLS and batching when it has them, its authentication. */
export function EndpointFields({ kind, settings }: { kind: EndpointKind; settings: EndpointFormSettings }) {
  const form = useEndpointFormContext();
  const { control, getValues, setValue, register } = form;
  const method = useWatch({ control, name: "authentication.method" });
  const syncedSecretError = useFieldError("syncedSecretName");
  const editing = settings.mode === "edit";
  const batching = batchingKind(kind.endpointType);

  /** A method with a secret was chosen, or a reference added: suggest a synced secret name if there is none. */
  const fillSyncedSecretName = () => {
    if ((getValues("syncedSecretName") ?? "") !== "") return;
    setValue("syncedSecretName", suggestedSyncedSecretName(getValues("name")), { shouldDirty: true });
  };

  return (
    <>
      <section aria-labelledby="dataflow-endpoint-fields-heading" className={CARD}>
        <h2 id="dataflow-endpoint-fields-heading" className="text-base font-semibold text-slate-900">Endpoint</h2>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <TextField
            path="name"
            label="Name"
            hint={editing ? "An endpoint's name cannot change." : "3 to 63 lowercase letters, digits and dashes."}
            readOnly={editing}
            testId="dataflow-endpoint-name"
            mono
            onChange={(next, previous) => {
              const current = getValues("syncedSecretName") ?? "";
              const followed = followedSyncedSecretName(current, previous, next);
              if (followed !== current) setValue("syncedSecretName", followed, { shouldDirty: true });
            }}
          />
          {editing ? <FixedKind kind={kind} /> : null}
        </div>
        <ConnectionFields kind={kind} />
        {hasTls(kind.endpointType) ? <TlsFields /> : null}
        {batching ? <BatchingFields kind={batching} /> : null}
      </section>

      {kind.endpointType === "LocalStorage" ? null : (
        <div className={CARD}>
          <AuthenticationFields
            kind={kind}
            disabledReason={settings.secretFieldsDisabledReason}
            onSecretMethod={fillSyncedSecretName}
            onPicked={fillSyncedSecretName}
          />
          {method && hasSecretMethod({ authentication: { method } }) ? (
            <SyncedSecretNameField
              id="dataflow-endpoint-synced-secret-name"
              registration={register("syncedSecretName")}
              hint="The synced secret (SecretSync) that copies this endpoint's Key Vault secrets into the cluster; the endpoint names it as its secretRef. It follows the endpoint's name until you change it."
              error={syncedSecretError}
              testId="dataflow-endpoint-synced-secret-name"
            />
          ) : null}
        </div>
      )}
    </>
  );
}
