import { desiredSecret, RESERVED_KEY, type SecretWriter } from "./apply-secret";
import { mountAzureKeyVault } from "./azure-provider";
import {
  CONDITION_CREATE, CONDITION_UPDATE, isFailed, setCondition, SyncFailure, type Condition, type Reason,
} from "./conditions";
import { recordEvent } from "./events";
import type { HttpsClient } from "./https-json";
import { KubeApiError, paths, type KubeClient } from "./kube-client";
import { buildSecretData, syncHash, type DataMapping } from "./secret-data";
import type { WorkloadTokens } from "./workload-token";

export interface SecretSync {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; uid: string; generation?: number; resourceVersion?: string };
  spec: {
    secretProviderClassName: string;
    serviceAccountName: string;
    forceSynchronization?: string;
    secretObject: { type?: string; data: DataMapping[]; labels?: Record<string, string>; annotations?: Record<string, string> };
  };
  status?: { syncHash?: string; lastSuccessfulSyncTime?: string; conditions?: Condition[] };
}

interface SecretProviderClass {
  metadata: { uid: string; generation?: number };
  spec?: { provider?: string; parameters?: Record<string, string> };
}

export interface ReconcileDeps {
  kube: KubeClient;
  http: HttpsClient;
  tokens: WorkloadTokens;
  writer: SecretWriter;
  vaultUrl(name: string): string | undefined;
  log(line: string): void;
}

/** What one reconcile did: `failed` asks the caller to retry with backoff. */
export type Outcome = { result: "gone" } | { result: "synced" | "unchanged"; reason: Reason } | { result: "failed"; reason: Reason };

/**
 * One pass of the controller over one SecretSync (upstream Reconcile, v0.0.x): fetch through the SPC, hash, and when
 * the hash changed or the last attempt failed, apply the Secret; then write status (syncHash,
 * lastSuccessfulSyncTime, the Create or Update condition with observedGeneration). Failures become a condition
 * (and a Warning event when it changes), never an exception.
 */
export async function reconcile(deps: ReconcileDeps, namespace: string, name: string): Promise<Outcome> {
  const ss = await deps.kube.find<SecretSync>(paths.secretSync(namespace, name));
  if (!ss) return { result: "gone" };
  const status = ss.status ?? {};
  const conditions = status.conditions ?? [];
  const type = status.syncHash ? CONDITION_UPDATE : CONDITION_CREATE;
  const generation = ss.metadata.generation;
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  try {
    checkReservedKeys(ss);
    const spc = await getSpc(deps.kube, namespace, ss.spec.secretProviderClassName);
    const mappings = ss.spec.secretObject.data;
    const files = await mountAzureKeyVault({
      provider: spc.spec?.provider ?? "", parameters: spc.spec?.parameters ?? {}, namespace,
      serviceAccountName: ss.spec.serviceAccountName, sourcePaths: mappings.map((m) => m.sourcePath),
    }, deps);
    const secretType = ss.spec.secretObject.type || "Opaque";
    const data = buildSecretData(mappings, secretType, files);
    const hash = syncHash(data, { uid: spc.metadata.uid, generation: spc.metadata.generation ?? 0 },
      { uid: ss.metadata.uid, generation: generation ?? 0, forceSynchronization: ss.spec.forceSynchronization ?? "" });
    const hashChanged = hash !== status.syncHash;
    if (!hashChanged && !conditions.some(isFailed)) {
      const reason = "UpdateNoValueChangeSucceeded";
      await writeStatus(deps.kube, ss, { ...status, conditions: setCondition(conditions, CONDITION_UPDATE, reason, { generation, now }) });
      return { result: "unchanged", reason };
    }
    const how = await deps.writer.write(desiredSecret(ss, data));
    const reason: Reason = type === CONDITION_CREATE ? "CreateSucceeded"
      : hashChanged ? "UpdateValueChangeOrForceUpdateSucceeded" : "UpdateNoValueChangeSucceeded";
    await writeStatus(deps.kube, ss, {
      syncHash: hash, lastSuccessfulSyncTime: now, conditions: setCondition(conditions, type, reason, { generation, now }),
    });
    deps.log(`${namespace}/${name}: ${reason} (secret written by ${how})`);
    return { result: "synced", reason };
  } catch (err) {
    const failure = err instanceof SyncFailure ? err
      : new SyncFailure("ControllerInternalError", err instanceof Error ? err.message : String(err));
    const next = setCondition(conditions, type, failure.reason, { detail: failure.detail, generation, now });
    const before = conditions.find((c) => c.type === type);
    const after = next.find((c) => c.type === type)!;
    await writeStatus(deps.kube, ss, { ...status, conditions: next }).catch((e: unknown) =>
      deps.log(`${namespace}/${name}: status not written: ${(e as Error).message}`));
    if (before?.reason !== after.reason || before?.message !== after.message) {
      deps.log(`${namespace}/${name}: ${failure.reason}: ${failure.detail}`);
      await recordEvent(deps.kube, ss, "Warning", failure.reason, failure.detail);
    }
    return { result: "failed", reason: failure.reason };
  }
}

function checkReservedKeys(ss: SecretSync): void {
  if (ss.spec.secretObject.labels?.[RESERVED_KEY]) {
    throw new SyncFailure("InvalidClusterSecretLabelError", `label ${RESERVED_KEY} is reserved for use by the Secrets Store Sync Controller`);
  }
  if (ss.spec.secretObject.annotations && RESERVED_KEY in ss.spec.secretObject.annotations) {
    throw new SyncFailure("InvalidClusterSecretAnnotationError",
      `annotation ${RESERVED_KEY} is reserved for use by the Secrets Store Sync Controller`);
  }
}

async function getSpc(kube: KubeClient, namespace: string, name: string): Promise<SecretProviderClass> {
  try {
    return await kube.call<SecretProviderClass>("GET", paths.secretProviderClass(namespace, name));
  } catch (err) {
    const why = err instanceof KubeApiError ? err.message : (err as Error).message;
    throw new SyncFailure("ControllerSPCError", `failed to get SecretProviderClass "${name}": ${why}`);
  }
}

/** Status through the status subresource (merge patch: the conditions list is replaced whole). Skipped if unchanged. */
async function writeStatus(kube: KubeClient, ss: SecretSync, status: NonNullable<SecretSync["status"]>): Promise<void> {
  if (JSON.stringify(status) === JSON.stringify(ss.status ?? {})) return;
  await kube.call("PATCH", `${paths.secretSync(ss.metadata.namespace, ss.metadata.name)}/status`,
    { status: { syncHash: status.syncHash ?? null, lastSuccessfulSyncTime: status.lastSuccessfulSyncTime ?? null,
      conditions: status.conditions } },
    "application/merge-patch+json");
}
