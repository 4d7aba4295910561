import "server-only";
import { stringify } from "yaml";
import type { KubeEvent } from "@/lib/schemas/kube-event";
import type { SpcObject } from "@/lib/schemas/spc-object";
import { SYNC_REQUESTED_AT_ANNOTATION } from "@/lib/schemas/portal-annotations";
import type { SyncedSecretDetail } from "@/lib/schemas/synced-secret-detail";
import type { KeyVaultIndexInfo } from "@/lib/schemas/synced-secret-list";
import { secretSyncManifest } from "@/server/adapters/kube/kinds/secret-sync";
import { AppError } from "@/server/errors";
import { syncStateOf } from "@/server/services/sync-state";
import { fileNameOf, keyReferences, sourceWarnings, syncedAt, type IndexView } from "./key-sources";
import { creatorOf, systemOf, usersByName, type ClusterView } from "./rows";

/**
 * One synced secret's detail page from the same cluster view as the list, plus the Events recorded about it (read
 * by the caller: one call, only for this page). Names, properties and YAML only.
 */
export function buildDetail(name: string, view: ClusterView, index: IndexView & { info: KeyVaultIndexInfo },
  events: readonly KubeEvent[], now: Date): SyncedSecretDetail {
  const s = view.secretSyncs.find((x) => x.name === name);
  if (!s) throw new AppError("not-found", `Synced secret '${name}' was not found.`);
  const spc = view.secretProviderClasses.find((c) => c.name === s.secretProviderClassName);
  const secret = view.secrets.find((x) => x.name === name);
  const refs = keyReferences(s, spc);
  const sync = syncStateOf(s, now);
  const inSecret = new Set(secret?.keys ?? []);
  const usedFiles = new Set(s.data.map((m) => fileNameOf(m.sourcePath)));
  const usedObjects = spc && spc.objectsProblem === null ? spc.objects.filter((o) => usedFiles.has(o.fileName)) : null;
  return {
    name: s.name,
    namespace: s.namespace,
    uid: s.uid,
    resourceVersion: s.resourceVersion,
    createdOn: s.createdOn,
    managedByPortal: s.managedByPortal,
    createdBy: creatorOf(s),
    ...systemOf(s, view.defaultSpcName),
    secretProviderClassName: s.secretProviderClassName,
    serviceAccountName: s.serviceAccountName,
    secretType: s.secretType,
    forceSynchronization: s.forceSynchronization,
    syncRequestedAt: s.annotations?.[SYNC_REQUESTED_AT_ANNOTATION] ?? null,
    sync,
    lastSuccessfulSyncTime: s.status.lastSuccessfulSyncTime,
    conditions: s.status.conditions.map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message,
      lastTransitionTime: c.lastTransitionTime })),
    keys: refs.map((r) => {
      const vaultName = r.source?.keyVaultSecretName ?? null;
      return { targetKey: r.targetKey, sourcePath: r.sourcePath, source: r.source,
        keyVaultSecret: vaultName !== null ? index.get(vaultName) ?? null : null, inSecret: inSecret.has(r.targetKey) };
    }),
    warnings: sourceWarnings(refs, s.secretProviderClassName, index, now, { lastSuccessfulSyncTime: syncedAt(sync) }),
    secret: secret ? { exists: true, type: secret.type, keys: secret.keys } : { exists: false, type: null, keys: [] },
    usedBy: usersByName(view).get(name) ?? [],
    // A re-created SecretSync of the same name has a new uid: the old one's events are not about this one.
    events: events.filter((e) => e.involvedUid === null || e.involvedUid === "" || e.involvedUid === s.uid)
      .map((e) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count, lastSeen: e.lastSeen,
        firstSeen: e.firstSeen, source: e.source })),
    yaml: {
      secretSync: stringify(secretSyncManifest(s), { lineWidth: 0 }),
      secretProviderClassObjects: usedObjects === null ? null : stringify(usedObjects.map(objectYaml), { lineWidth: 0 }),
    },
    index: index.info,
  };
}

/** An SPC object as the class lists it: the fields it sets. */
function objectYaml(o: SpcObject): Record<string, unknown> {
  const { fileName: _fileName, ...fields } = o;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
}
