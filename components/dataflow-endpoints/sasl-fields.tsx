"use client";

import {
  EVENT_HUB_SASL_USERNAME, EVENT_HUB_USERNAME_VAULT_SECRET, usesConnectionString,
} from "@/lib/schemas/dataflow-endpoint-form";
import { DATAFLOW_HOST_TYPE_LABELS } from "@/lib/schemas/dataflow-endpoint-labels";
import type { EndpointKind } from "./endpoint-kinds";
import { EndpointSecretField } from "./endpoint-secret-field";
import { SelectField } from "./text-field";

const SASL_TYPES = [
  { value: "Plain", label: "Plain" },
  { value: "ScramSha256", label: "SCRAM-SHA-256" },
  { value: "ScramSha512", label: "SCRAM-SHA-512" },
] as const;

/**
 * Kafka SASL. A custom broker takes a SASL type, a username and a password. Event Hubs and Fabric RTI take SASL
 * Plain with the literal username `$ConnectionString` and the connection string as password: the portal supplies
 * the username (one shared Key Vault secret), so only the connection string is asked for.
 */
export function SaslFields({ kind, disabledReason, onPicked }: { kind: EndpointKind; disabledReason: string | null; onPicked: () => void }) {
  if (usesConnectionString(kind.hostType ?? "")) {
    const service = DATAFLOW_HOST_TYPE_LABELS[kind.hostType!] ?? kind.hostType;
    return (
      <>
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium text-slate-800">SASL type</span>
          <p className="text-sm text-slate-900" data-testid="dataflow-endpoint-sasl-type-fixed">Plain</p>
        </div>
        <div className="rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-slate-800" data-testid="dataflow-endpoint-connection-string-note">
          <p>
            {service} takes SASL Plain with the username <code className="font-mono">{EVENT_HUB_SASL_USERNAME}</code> and
            the connection string as the password. The portal keeps that username for you in one Key Vault secret,
            {" "}<code className="font-mono">{EVENT_HUB_USERNAME_VAULT_SECRET}</code>, shared by every Event Hubs and Fabric
            Real-Time Intelligence endpoint (the first save creates it): add a reference for the connection string only.
          </p>
          <p className="mt-1 text-xs text-slate-700">
            A connection string looks like{" "}
            <code className="font-mono [overflow-wrap:anywhere]">Endpoint=sb://&lt;namespace&gt;.servicebus.windows.net/;SharedAccessKeyName=&lt;policy&gt;;SharedAccessKey=&lt;key&gt;</code>.
          </p>
        </div>
        <EndpointSecretField field="password" label="Connection string" required disabledReason={disabledReason} onPicked={onPicked} />
      </>
    );
  }
  return (
    <>
      <SelectField path="authentication.saslType" label="SASL type" options={SASL_TYPES} testId="dataflow-endpoint-sasl-type" />
      <EndpointSecretField field="username" label="Username" required disabledReason={disabledReason} onPicked={onPicked} />
      <EndpointSecretField field="password" label="Password" required disabledReason={disabledReason} onPicked={onPicked} />
    </>
  );
}
