"use client";

import { get, useFormState, useWatch } from "react-hook-form";
import { DATAFLOW_AUTHENTICATION_METHOD_LABELS } from "@/lib/schemas/dataflow-endpoint-labels";
import { METHODS_BY_TYPE, type EndpointKind } from "./endpoint-kinds";
import { EndpointSecretField } from "./endpoint-secret-field";
import { useEndpointFormContext } from "./form-context";
import { blankAuthentication } from "./form-values";
import { SaslFields } from "./sasl-fields";
import { TextField } from "./text-field";

/**
 * The endpoint's authentication: one of the methods its type takes, then only that method's fields. Switching
 * method empties them, so a reference picked for another method is neither kept nor sent.
 */
export function AuthenticationFields({ kind, disabledReason, onSecretMethod, onPicked }: {
  kind: EndpointKind;
  disabledReason: string | null;
  /** A method that keeps a secret was chosen (so the synced secret name can be filled in). */
  onSecretMethod: () => void;
  onPicked: () => void;
}) {
  const { control, setValue } = useEndpointFormContext();
  const method = useWatch({ control, name: "authentication.method" });
  const methods = METHODS_BY_TYPE[kind.endpointType];

  return (
    <fieldset className="flex flex-col gap-4" data-testid="dataflow-endpoint-authentication" data-method={method ?? ""}>
      <legend className="text-sm font-semibold text-slate-900">Authentication</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2" role="radiogroup" aria-label="Authentication method">
        {methods.map((m) => (
          <label key={m} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name="dataflow-endpoint-authentication-method"
              value={m}
              checked={method === m}
              onChange={() => {
                setValue("authentication", blankAuthentication(m, kind), { shouldDirty: true });
                if (m === "Sasl" || m === "X509Certificate" || m === "AccessToken") onSecretMethod();
              }}
              data-testid={`dataflow-endpoint-auth-${m}`}
            />
            {DATAFLOW_AUTHENTICATION_METHOD_LABELS[m] ?? m}
          </label>
        ))}
      </div>
      <MethodError />
      <MethodFields kind={kind} method={method} disabledReason={disabledReason} onPicked={onPicked} />
    </fieldset>
  );
}

/** A message about the method itself (not one of its fields), e.g. the server refusing it for this type. */
function MethodError() {
  const { control } = useEndpointFormContext();
  const { errors } = useFormState({ control, name: "authentication" });
  const own = (e: unknown) => (e && typeof e === "object" && "message" in e && typeof e.message === "string" ? e.message : undefined);
  const message = own(get(errors, "authentication.method")) ?? own(get(errors, "authentication"));
  if (!message) return null;
  return <p className="text-xs font-medium text-red-800" role="alert" data-testid="dataflow-endpoint-auth-error">{message}</p>;
}

function MethodFields({ kind, method, disabledReason, onPicked }: {
  kind: EndpointKind;
  method: string | undefined;
  disabledReason: string | null;
  onPicked: () => void;
}) {
  switch (method) {
    case "SystemAssignedManagedIdentity":
      return (
        <TextField path="authentication.audience" label="Audience (optional)" placeholder="Service default"
          hint="The token audience the service expects. Empty: the service's default." testId="dataflow-endpoint-audience" mono />
      );
    case "UserAssignedManagedIdentity":
      return (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <TextField path="authentication.clientId" label="Client ID" hint="The identity's client ID (a GUID)." testId="dataflow-endpoint-client-id" mono />
          <TextField path="authentication.tenantId" label="Tenant ID" hint="Its tenant's ID (a GUID)." testId="dataflow-endpoint-tenant-id" mono />
          <TextField path="authentication.scope" label="Scope (optional)" placeholder="Service default"
            hint="The token scope. Empty: the service's default." testId="dataflow-endpoint-scope" mono className="md:col-span-2" />
        </div>
      );
    case "ServiceAccountToken":
      return (
        <TextField path="authentication.audience" label="Audience" testId="dataflow-endpoint-audience" mono
          hint={kind.hostType === "LocalBroker"
            ? "The audience of the Kubernetes service account token; the Azure IoT Operations broker expects aio-internal."
            : "The audience of the Kubernetes service account token the endpoint presents."} />
      );
    case "X509Certificate":
      return (
        <>
          <EndpointSecretField field="certificate" label="Client certificate" required certificateRole="certificate"
            disabledReason={disabledReason} onPicked={onPicked} />
          <EndpointSecretField field="key" label="Client private key" required certificateRole="key" counterpart="certificate"
            disabledReason={disabledReason} onPicked={onPicked} />
          <EndpointSecretField field="intermediateCertificates" label="Intermediate certificates (optional)" certificateRole="intermediate"
            disabledReason={disabledReason} onPicked={onPicked} />
        </>
      );
    case "Sasl":
      return <SaslFields kind={kind} disabledReason={disabledReason} onPicked={onPicked} />;
    case "AccessToken":
      return (
        <>
          <p className="text-xs text-slate-700" data-testid="dataflow-endpoint-access-token-note">
            A SAS token of the storage account, without the leading <code className="font-mono">?</code>
            {" "}(e.g. <code className="font-mono">sv=…&amp;ss=b&amp;sp=rwlac&amp;se=…&amp;sig=…</code>).
          </p>
          <EndpointSecretField field="accessToken" label="SAS token" required disabledReason={disabledReason} onPicked={onPicked} />
        </>
      );
    case "Anonymous":
      return <p className="text-xs text-slate-700" data-testid="dataflow-endpoint-auth-anonymous-note">The endpoint is reached without credentials.</p>;
    default:
      return null;
  }
}
