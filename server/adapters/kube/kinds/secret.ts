import "server-only";
import type { V1Secret } from "@kubernetes/client-node";
import type { KubeSecretMetadata } from "@/lib/schemas/kube-secret";
import type { KubeConnection } from "@/server/adapters/kube/connection";
import { mapKubeError, type KubeOperation } from "@/server/adapters/kube/errors";
import { LIST_PAGE_SIZE, listAllPages } from "@/server/adapters/kube/paging";
import { mappedCall } from "@/server/adapters/mapped-call";
import { iso, stringRecord } from "@/server/adapters/kube/wire";
import { AppError } from "@/server/errors";

/**
 * The label the Secrets Store sync controller puts on every Secret it writes (its key is reserved: a SecretSync
 * may not set it). The portal only ever shows those Secrets, so it lists by this label and never reads the rest of
 * the namespace's Secrets (service account tokens, TLS keys, other teams' credentials).
 */
export const SYNC_CONTROLLER_LABEL = "secrets-store.sync.x-k8s.io";

/**
 * Secrets, reduced at once to what the portal shows. A `PartialObjectMetadata` read (`Accept: …;as=
 * PartialObjectMetadataList`) would spare the values the trip, but it carries neither `type` nor the key names; so
 * the objects are read whole and reduced here: no values, and no annotations either, since
 * `kubectl.kubernetes.io/last-applied-configuration` holds a copy of the whole `data`. Nothing past this file ever
 * holds a value.
 */
export interface SecretsAdapter {
  /** The Secrets the sync controller manages; a `labelSelector` narrows them further, never widens. */
  list(o?: { labelSelector?: string }): Promise<KubeSecretMetadata[]>;
  /** One Secret the sync controller manages; any other Secret is answered as not found. */
  get(name: string): Promise<KubeSecretMetadata>;
}

export function secretsAdapter(conn: KubeConnection, namespace: string, pageSize = LIST_PAGE_SIZE): SecretsAdapter {
  const call = mappedCall<KubeOperation>((err, operation, name) =>
    mapKubeError(err, { operation, kind: "Secret", resource: "secrets", namespace, name, cluster: conn.cluster }));
  return {
    list: (o = {}) => call("list", undefined, () => listAllPages("Secret", conn.cluster, async (token) => {
      const page = await conn.core.listNamespacedSecret({ namespace, labelSelector: managedSelector(o.labelSelector),
        limit: pageSize, _continue: token }, conn.callOptions());
      return { items: page.items.map((s) => toSecretMetadata(s, namespace)), next: page.metadata?._continue };
    })),
    get: (name) => call("get", name, async () => {
      const secret = await conn.core.readNamespacedSecret({ name, namespace }, conn.callOptions());
      const managed = SYNC_CONTROLLER_LABEL in (secret.metadata?.labels ?? {});
      const metadata = toSecretMetadata(secret, namespace);
      if (!managed) {
        throw new AppError("not-found", `Secret '${name}' was not found among the synced secrets of namespace ` +
          `'${namespace}' of ${conn.cluster}.`);
      }
      return metadata;
    }),
  };
}

/** The sync controller's label, and the caller's requirements (a selector is a conjunction: it can only narrow). */
export function managedSelector(extra?: string): string {
  return extra?.trim() ? `${SYNC_CONTROLLER_LABEL},${extra.trim()}` : SYNC_CONTROLLER_LABEL;
}

/**
 * Keeps the type, the names of the keys, the owner and the labels; drops the values from the object read (so the
 * client's response no longer holds them either) and never copies annotations.
 */
export function toSecretMetadata(s: V1Secret, namespace: string): KubeSecretMetadata {
  const keys = [...new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})])].sort();
  delete s.data;
  delete s.stringData;
  const m = s.metadata ?? {};
  if (m.annotations) delete m.annotations;
  const owner = m.ownerReferences?.[0];
  return {
    name: m.name ?? "",
    namespace: m.namespace ?? namespace,
    uid: m.uid ?? "",
    resourceVersion: m.resourceVersion ?? "",
    generation: null,
    createdOn: iso(m.creationTimestamp),
    labels: stringRecord(m.labels),
    type: s.type ?? "Opaque",
    keys,
    owner: owner ? { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid } : null,
  };
}
