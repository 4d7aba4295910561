import "server-only";
import type { DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import type { DataflowEndpointDetail, DataflowEndpointFormValues } from "@/lib/schemas/dataflow-endpoint-api";
import { initialDataflowEndpointForm } from "@/lib/schemas/dataflow-endpoint-defaults";
import {
  EVENT_HUB_USERNAME_VAULT_SECRET, KAFKA_HOST_TYPES, MQTT_HOST_TYPES, usesConnectionString, type DataflowAuthenticationMethod,
  type DataflowEndpointType, type DataflowSecretField, type KafkaHostType, type MqttHostType,
} from "@/lib/schemas/dataflow-endpoint-form";
import type { ExistingSecretReference } from "@/lib/schemas/secret-reference";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import {
  isEndpointType, METHOD_BLOCK, METHOD_SECRET_FIELDS, secretKeyOf, SETTINGS_BLOCK, TYPE_METHODS,
} from "@/server/services/dataflow-endpoint-spec/blocks";
import { objectAt, text } from "@/server/services/dataflow-endpoint-spec/object-at";
import { resolveReference } from "@/server/services/devices-read/resolve-reference";

type Block = Record<string, unknown>;
type Unresolved = DataflowEndpointDetail["unresolved"];

export interface EndpointFormRead {
  values: DataflowEndpointFormValues;
  notEditable: string | null;
  unresolved: Unresolved;
}

/**
 * A DataflowEndpoint as the edit form shows it (the inverse of dataflow-endpoint-spec/spec-from-form.ts): the
 * settings the form edits, and the method's `secretRef` keys resolved to the Key Vault secrets they stand for
 * (`existing` references, never a value). A missing field gets the form's default; what the form cannot show
 * (an unknown type or method) is `notEditable`, in words; a key that cannot be resolved is in `unresolved`.
 */
export function dataflowFormValues(name: string, spec: DataflowEndpointSpec, syncs: ReadonlyMap<string, SecretSync>,
  classes: ReadonlyMap<string, SecretProviderClass>): EndpointFormRead {
  if (!isEndpointType(spec.endpointType)) {
    return { values: { ...initialDataflowEndpointForm("Mqtt"), name } as DataflowEndpointFormValues,
      notEditable: `The form does not know the endpoint type '${spec.endpointType}'`, unresolved: [] };
  }
  const type = spec.endpointType;
  const block = objectAt(spec, SETTINGS_BLOCK[type]);
  const unresolved: Unresolved = [];
  let notEditable: string | null = null;
  const base = { ...initialDataflowEndpointForm(type, hostTypeOf(type, spec.hostType, text(block.host))), name } as Block;

  if (type === "LocalStorage") {
    return { values: { ...base, persistentVolumeClaimRef: text(block.persistentVolumeClaimRef) } as DataflowEndpointFormValues,
      notEditable, unresolved };
  }
  const values: Block = { ...base, host: text(block.host) };
  if (type === "Mqtt" || type === "Kafka" || type === "OpenTelemetry") {
    const tls = objectAt(block, "tls");
    values.tls = { mode: tls.mode === "Disabled" ? "Disabled" : "Enabled", trustedCaCertificateConfigMapRef: text(tls.trustedCaCertificateConfigMapRef) };
  }
  const batching = objectAt(block, "batching");
  if (type === "Kafka") {
    values.batching = { mode: batching.mode === "Disabled" ? "Disabled" : "Enabled", latencyMs: count(batching.latencyMs),
      maxBytes: count(batching.maxBytes), maxMessages: count(batching.maxMessages) };
  } else if (type !== "Mqtt") {
    values.batching = { latencySeconds: count(batching.latencySeconds), maxMessages: count(batching.maxMessages) };
  }
  if (type === "DataExplorer") values.database = text(block.database);
  if (type === "FabricOneLake") {
    const names = objectAt(block, "names");
    values.lakehouseName = text(names.lakehouseName);
    values.workspaceName = text(names.workspaceName);
    values.oneLakePathType = block.oneLakePathType === "Files" ? "Files" : "Tables";
  }

  const auth = objectAt(block, "authentication");
  const offered = TYPE_METHODS[type];
  const method = offered.find((m) => m === auth.method);
  if (!method) {
    notEditable = `The form does not offer the authentication method '${text(auth.method) || "(none)"}' for ${type} endpoints`;
    return { values: values as DataflowEndpointFormValues, notEditable, unresolved };
  }
  const inner = objectAt(auth, METHOD_BLOCK[method]);
  const secretRef = text(inner.secretRef);
  // Event Hubs / Fabric RTI: the form has no username; the portal's shared $ConnectionString secret is used on save.
  const connectionString = method === "Sasl" && usesConnectionString(String(values.hostType));
  const refs = resolveSecrets(method, secretRef, syncs, classes, unresolved, connectionString ? ["username"] : []);
  values.syncedSecretName = secretRef;
  values.authentication = { ...authenticationValues(method, inner, refs), ...(connectionString && { username: null }) };
  if (connectionString) {
    const username = resolveReference({ syncedSecretName: secretRef, key: "username", reference: `${secretRef}/username` }, syncs, classes);
    if ("keyVaultSecretName" in username && username.keyVaultSecretName.toLowerCase() !== EVENT_HUB_USERNAME_VAULT_SECRET) {
      unresolved.push({ field: "username", reference: `${secretRef}/username`, reason: "The username key maps Key Vault secret " +
        `'${username.keyVaultSecretName}'; saving maps the portal's shared $ConnectionString secret '${EVENT_HUB_USERNAME_VAULT_SECRET}'` });
    }
  }
  return { values: values as DataflowEndpointFormValues, notEditable, unresolved };
}

function authenticationValues(method: DataflowAuthenticationMethod, inner: Block,
  refs: ReadonlyMap<DataflowSecretField, ExistingSecretReference>): Block {
  const ref = (f: DataflowSecretField) => refs.get(f) ?? null;
  switch (method) {
    case "SystemAssignedManagedIdentity":
      return { method, audience: text(inner.audience) };
    case "UserAssignedManagedIdentity":
      return { method, clientId: text(inner.clientId), tenantId: text(inner.tenantId), scope: text(inner.scope) };
    case "ServiceAccountToken":
      return { method, audience: text(inner.audience) };
    case "Sasl":
      return { method, saslType: ["Plain", "ScramSha256", "ScramSha512"].includes(text(inner.saslType)) ? text(inner.saslType) : "Plain",
        username: ref("username"), password: ref("password") };
    case "X509Certificate":
      return { method, certificate: ref("certificate"), key: ref("key"), intermediateCertificates: ref("intermediateCertificates") };
    case "AccessToken":
      return { method, accessToken: ref("accessToken") };
    case "Anonymous":
      return { method };
  }
}

/** Each key of the method's synced secret, resolved to its Key Vault secret; an optional key may be absent. */
function resolveSecrets(method: DataflowAuthenticationMethod, secretRef: string, syncs: ReadonlyMap<string, SecretSync>,
  classes: ReadonlyMap<string, SecretProviderClass>, unresolved: Unresolved, skip: readonly DataflowSecretField[]):
  Map<DataflowSecretField, ExistingSecretReference> {
  const out = new Map<DataflowSecretField, ExistingSecretReference>();
  const fields = (METHOD_SECRET_FIELDS[method] ?? []).filter((f) => !skip.includes(f.field));
  if (fields.length === 0) return out;
  if (secretRef === "") {
    unresolved.push({ field: "syncedSecretName", reference: "", reason: "The endpoint's method has no secretRef" });
    return out;
  }
  for (const { field, required } of fields) {
    const key = secretKeyOf(field);
    const sync = syncs.get(secretRef);
    if (!required && sync && !sync.data.some((m) => m.targetKey === key)) continue;
    const r = resolveReference({ syncedSecretName: secretRef, key, reference: `${secretRef}/${key}` }, syncs, classes);
    if ("keyVaultSecretName" in r) out.set(field, { source: "existing", keyVaultSecretName: r.keyVaultSecretName });
    else unresolved.push({ field, reference: `${secretRef}/${key}`, reason: r.reason });
  }
  return out;
}

/** AIO's `hostType` is optional: an endpoint without one gets the one its host suggests. */
function hostTypeOf(type: DataflowEndpointType, hostType: string | undefined, host: string): MqttHostType | KafkaHostType | undefined {
  if (type === "Mqtt") {
    const known = MQTT_HOST_TYPES.find((h) => h === hostType);
    return known ?? (host.startsWith("aio-broker") ? "LocalBroker" : /eventgrid\.azure\.net(:\d+)?$/i.test(host) ? "EventGrid" : "CustomMqtt");
  }
  if (type === "Kafka") {
    const known = KAFKA_HOST_TYPES.find((h) => h === hostType);
    return known ?? (/\.servicebus\.windows\.net(:\d+)?$/i.test(host) ? "Eventhub" : "CustomKafka");
  }
  return undefined;
}

const count = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);
