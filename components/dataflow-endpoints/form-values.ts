import { DATAFLOW_ENDPOINT_DEFAULTS, initialDataflowEndpointForm } from "@/lib/schemas/dataflow-endpoint-defaults";
import {
  defaultDataflowSyncedSecretName, hasSecretMethod, usesConnectionString,
  type dataLakeStorageAuthentication, type DataflowAuthenticationMethod, type DataflowEndpointForm, type DataflowEndpointFormInput,
  type kafkaAuthentication, type mqttAuthentication, type openTelemetryAuthentication,
} from "@/lib/schemas/dataflow-endpoint-form";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import type { z } from "zod";
import { kindOf, METHODS_BY_TYPE, sameKind, type EndpointKind } from "./endpoint-kinds";

/** Building and converting the data flow endpoint form's values (pure functions, so the rules are easy to test). */

export type AuthenticationInput = z.input<typeof mqttAuthentication> | z.input<typeof kafkaAuthentication>
  | z.input<typeof dataLakeStorageAuthentication> | z.input<typeof openTelemetryAuthentication>;

/**
 * A method's fields with their defaults and no references: switching method drops the other method's references
 * from the form. The local broker's token audience and Event Hubs' SASL type are AIO's own values.
 */
export function blankAuthentication(method: DataflowAuthenticationMethod, kind: EndpointKind): AuthenticationInput {
  switch (method) {
    case "SystemAssignedManagedIdentity": return { method, audience: "" };
    case "UserAssignedManagedIdentity": return { method, clientId: "", tenantId: "", scope: "" };
    case "ServiceAccountToken":
      return { method, audience: kind.hostType === "LocalBroker" ? DATAFLOW_ENDPOINT_DEFAULTS.localBroker.serviceAccountTokenAudience : "" };
    case "X509Certificate": return { method, certificate: null, key: null, intermediateCertificates: null };
    case "Sasl":
      return { method, saslType: usesConnectionString(kind.hostType ?? "") ? "Plain" : "ScramSha512", username: null, password: null };
    case "AccessToken": return { method, accessToken: null };
    case "Anonymous": return { method };
  }
}

/** The synced secret name the form suggests for an endpoint name ("" while there is no name). */
export const suggestedSyncedSecretName = (endpoint: string): string => (endpoint === "" ? "" : defaultDataflowSyncedSecretName(endpoint));

/**
 * The synced secret name follows the endpoint's name while it still is the suggestion for the old name (or
 * empty); once the operator has typed another name, it stays.
 */
export function followedSyncedSecretName(current: string, oldName: string, newName: string): string {
  const follows = current === "" || current === suggestedSyncedSecretName(oldName) || current === defaultDataflowSyncedSecretName(oldName);
  return follows ? suggestedSyncedSecretName(newName) : current;
}

/** A new endpoint of another kind: that kind's defaults, keeping the name and synced secret name typed so far. */
export function valuesForKind(kind: EndpointKind, current: { name?: string; syncedSecretName?: string } | null): DataflowEndpointFormInput {
  const initial = initialDataflowEndpointForm(kind.endpointType, kind.hostType);
  const name = current?.name ?? "";
  return { ...initial, name, syncedSecretName: current?.syncedSecretName || suggestedSyncedSecretName(name) };
}

const SECRET_FIELDS = ["username", "password", "certificate", "key", "intermediateCertificates", "accessToken"] as const;

function mapReferences(authentication: object, f: (r: SecretReference | null) => SecretReference | null): object {
  const out: Record<string, unknown> = { ...authentication };
  for (const field of SECRET_FIELDS) {
    if (field in out) out[field] = f((out[field] as SecretReference | null | undefined) ?? null);
  }
  return out;
}

/**
 * The form's values after a successful save: every new secret is now in Key Vault, so its reference becomes an
 * existing one and its value leaves the form's state.
 */
export function savedValues(values: DataflowEndpointForm): DataflowEndpointFormInput {
  if (!("authentication" in values)) return values;
  const existing = (r: SecretReference | null): SecretReference | null =>
    r ? { source: "existing", keyVaultSecretName: r.keyVaultSecretName } : null;
  return { ...values, authentication: mapReferences(values.authentication, existing) } as DataflowEndpointFormInput;
}

/** What the request sends: no synced secret name when the method keeps no secret (the field is hidden then). */
export function requestValues(values: DataflowEndpointForm): DataflowEndpointForm {
  return "authentication" in values && hasSecretMethod(values) ? values : { ...values, syncedSecretName: "" };
}

/**
 * The form's top-level fields: a 400's messages under them go next to the fields. The type and host type have no
 * message of their own (chosen, or fixed on an edit): a message about them goes to the top.
 */
export const ENDPOINT_FORM_FIELDS: ReadonlySet<string> = new Set([
  "name", "host", "database", "lakehouseName", "workspaceName", "oneLakePathType",
  "persistentVolumeClaimRef", "tls", "batching", "authentication", "syncedSecretName",
]);

/** The form's secret fields, never kept in the browser (declared for the sign-in snapshot). */
export const ENDPOINT_SECRET_PATHS = SECRET_FIELDS.map((f) => `authentication.${f}`);

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? v as Record<string, unknown> : {});

/**
 * Puts back what the form kept across a sign-in redirect (non-secret fields only) onto the values it has now
 * (a new endpoint, or the endpoint as loaded). The kind is the restored one on the create form, the loaded one on
 * an edit; the method's references are the loaded ones while the method is the same, else asked for again; the
 * synced secret name (dropped as secret-looking) is the loaded one or the suggestion.
 */
export function mergeRestored(current: DataflowEndpointFormInput, restored: Record<string, unknown>, mode: "create" | "edit"): DataflowEndpointFormInput {
  const restoredKind = mode === "create" ? kindOf(restored) : null;
  const currentKind = kindOf(current);
  const base: Record<string, unknown> = restoredKind && (!currentKind || !sameKind(restoredKind, currentKind))
    ? valuesForKind(restoredKind, null)
    : { ...current };
  const name = mode === "edit" ? current.name : str(restored.name) ?? str(base.name) ?? "";
  const out: Record<string, unknown> = { ...base, name };
  for (const field of ["host", "database", "lakehouseName", "workspaceName", "oneLakePathType", "persistentVolumeClaimRef"]) {
    if (field in base && str(restored[field]) !== undefined) out[field] = restored[field];
  }
  if ("tls" in base) out.tls = { ...record(base.tls), ...pickStrings(record(restored.tls), ["mode", "trustedCaCertificateConfigMapRef"]) };
  if ("batching" in base) out.batching = { ...record(base.batching), ...pickBatching(record(restored.batching)) };
  if ("authentication" in base) {
    const had = record(base.authentication);
    const r = record(restored.authentication);
    const type = base.endpointType as keyof typeof METHODS_BY_TYPE;
    const method = METHODS_BY_TYPE[type].find((m) => m === r.method) ?? (had.method as DataflowAuthenticationMethod);
    const kind = kindOf(base) ?? { endpointType: type };
    const auth = method === had.method ? had : blankAuthentication(method, kind);
    out.authentication = { ...auth, ...pickStrings(r, ["audience", "clientId", "tenantId", "scope", "saslType"].filter((k) => k in auth)) };
  }
  const synced = str(base.syncedSecretName) ?? "";
  out.syncedSecretName = synced !== "" && mode === "edit" ? synced : suggestedSyncedSecretName(name) || synced;
  return out as DataflowEndpointFormInput;
}

function pickStrings(from: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (typeof from[k] === "string") out[k] = from[k];
  return out;
}

function pickBatching(from: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(from)) {
    if (k === "mode" ? typeof v === "string" : v === null || typeof v === "number") out[k] = v;
  }
  return out;
}
