import "server-only";
import type { DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import type { DataflowAuthentication, DataflowEndpointForm } from "@/lib/schemas/dataflow-endpoint-form";
import { ALL_SETTINGS_BLOCKS, METHOD_BLOCK, SETTINGS_BLOCK } from "./blocks";
import { objectAt, objectAtOrNull } from "./object-at";

type Block = Record<string, unknown>;

/**
 * The form onto a DataflowEndpoint spec (domain.md §3.3). The form's fields replace theirs; every field it does
 * not edit is kept as it is (Kafka compression and acks, MQTT QoS and client id prefix, fields of a newer API
 * version), inside the settings block and inside the method's own block. What the form switches away from goes:
 * another type's settings block, another method's block (and with it that method's `secretRef`). A secret
 * method's `secretRef` is the synced secret's name, a plain Secret name.
 */
export function dataflowSpecFrom(form: DataflowEndpointForm, current: DataflowEndpointSpec | null): DataflowEndpointSpec {
  const sameType = current?.endpointType === form.endpointType;
  const key = SETTINGS_BLOCK[form.endpointType];
  const spec: DataflowEndpointSpec = { ...current, endpointType: form.endpointType };
  for (const other of ALL_SETTINGS_BLOCKS) if (other !== key) delete (spec as Block)[other];
  setOrDelete(spec, "hostType", "hostType" in form ? form.hostType : undefined);

  const was: Block = sameType ? objectAt(current, key) : {};
  const block: Block = { ...was };
  switch (form.endpointType) {
    case "LocalStorage":
      block.persistentVolumeClaimRef = form.persistentVolumeClaimRef;
      break;
    case "Mqtt":
    case "Kafka":
    case "OpenTelemetry":
      block.host = form.host;
      block.tls = tlsFrom(form.tls, objectAt(was, "tls"));
      break;
    default:
      block.host = form.host;
  }
  if (form.endpointType === "Kafka") {
    setOrDelete(block, "batching", kafkaBatchingFrom(form.batching, objectAtOrNull(was, "batching")));
  } else if ("batching" in form) {
    setOrDelete(block, "batching", countsFrom(objectAt(was, "batching"), form.batching));
  }
  if (form.endpointType === "DataExplorer") block.database = form.database;
  if (form.endpointType === "FabricOneLake") {
    block.names = { ...objectAt(was, "names"), lakehouseName: form.lakehouseName, workspaceName: form.workspaceName };
    block.oneLakePathType = form.oneLakePathType;
  }
  if ("authentication" in form) {
    block.authentication = authenticationFrom(form.authentication,
      { syncedSecretName: form.syncedSecretName, anonymousBlock: form.endpointType === "OpenTelemetry" }, objectAt(was, "authentication"));
  }
  (spec as Block)[key] = block;
  return spec;
}

function tlsFrom(tls: { mode: string; trustedCaCertificateConfigMapRef: string }, was: Block): Block {
  const out: Block = { ...was, mode: tls.mode };
  setOrDelete(out, "trustedCaCertificateConfigMapRef", tls.trustedCaCertificateConfigMapRef || undefined);
  return out;
}

/** Kafka batching; the form's defaults (Enabled, nothing else set) add no block to an endpoint without one. */
function kafkaBatchingFrom(b: { mode: string; latencyMs: number | null; maxBytes: number | null; maxMessages: number | null },
  was: Block | null): Block | undefined {
  const counts = countsFrom(was ?? {}, { latencyMs: b.latencyMs, maxBytes: b.maxBytes, maxMessages: b.maxMessages });
  if (was === null && b.mode === "Enabled" && counts === undefined) return undefined;
  return { ...counts, mode: b.mode };
}

/** Counts the form edits set or removed (null: the service's default), on the block's other fields. */
function countsFrom(was: Block, counts: Record<string, number | null>): Block | undefined {
  const out: Block = { ...was };
  for (const [k, v] of Object.entries(counts)) setOrDelete(out, k, v ?? undefined);
  return Object.keys(out).length > 0 ? out : undefined;
}

function authenticationFrom(a: DataflowAuthentication, o: { syncedSecretName: string; anonymousBlock: boolean }, was: Block): Block {
  const blockKey = METHOD_BLOCK[a.method];
  const sameMethod = was.method === a.method;
  const out: Block = { ...was, method: a.method };
  // Another method's block goes with the method (and a secretRef in it with it).
  for (const other of Object.values(METHOD_BLOCK)) if (other !== blockKey) delete out[other];
  const inner: Block = sameMethod ? { ...objectAt(was, blockKey) } : {};
  switch (a.method) {
    case "SystemAssignedManagedIdentity":
      setOrDelete(inner, "audience", a.audience || undefined);
      break;
    case "UserAssignedManagedIdentity":
      inner.clientId = a.clientId;
      inner.tenantId = a.tenantId;
      setOrDelete(inner, "scope", a.scope || undefined);
      break;
    case "ServiceAccountToken":
      inner.audience = a.audience;
      break;
    case "Sasl":
      inner.saslType = a.saslType;
      inner.secretRef = o.syncedSecretName;
      break;
    case "X509Certificate":
    case "AccessToken":
      inner.secretRef = o.syncedSecretName;
      break;
    case "Anonymous":
      break;
  }
  // Anonymous has a block only where the schema has one (OpenTelemetry requires `anonymousSettings: {}`), or where
  // the endpoint already had it.
  const keepBlock = a.method !== "Anonymous" || o.anonymousBlock || (sameMethod && blockKey in was);
  if (keepBlock) out[blockKey] = inner;
  else delete out[blockKey];
  return out;
}

function setOrDelete(target: object, key: string, value: unknown): void {
  const t = target as Block;
  if (value === undefined) delete t[key];
  else t[key] = value;
}
