import "server-only";
import type { V1Secret } from "@kubernetes/client-node";
import type { KubeSecretMetadata } from "@/lib/schemas/kube-secret";
import type { KubeConnection } from "@/server/adapters/kube/connection";
import { mapKubeError, type KubeOperation } from "@/server/adapters/kube/errors";
import { LIST_PAGE_SIZE, listAllPages } from "@/server/adapters/kube/paging";
import { toMetadata, stringRecord } from "@/server/adapters/kube/wire";

/**
 * Secrets, metadata only. A `PartialObjectMetadata` read (`Accept: …;as=PartialObjectMetadataList`) would spare the
 * values the trip, but it carries neither `type` nor the key names the portal shows; so the objects are read whole
 * and reshaped at once, and nothing past this file ever holds a `data` value.
 */
export interface SecretsAdapter {
  list(o?: { labelSelector?: string }): Promise<KubeSecretMetadata[]>;
  get(name: string): Promise<KubeSecretMetadata>;
}

export function secretsAdapter(conn: KubeConnection, namespace: string, pageSize = LIST_PAGE_SIZE): SecretsAdapter {
  async function call<T>(operation: KubeOperation, name: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw mapKubeError(err, { operation, kind: "Secret", resource: "secrets", namespace, name, cluster: conn.cluster });
    }
  }
  return {
    list: (o = {}) => call("list", undefined, () => listAllPages("Secret", conn.cluster, async (token) => {
      const page = await conn.core.listNamespacedSecret({ namespace, labelSelector: o.labelSelector,
        limit: pageSize, _continue: token }, conn.callOptions());
      return { items: page.items.map((s) => toSecretMetadata(s, namespace)), next: page.metadata?._continue };
    })),
    get: (name) => call("get", name, async () =>
      toSecretMetadata(await conn.core.readNamespacedSecret({ name, namespace }, conn.callOptions()), namespace)),
  };
}

/** Keeps the names of `data` keys, never their values. */
export function toSecretMetadata(s: V1Secret, namespace: string): KubeSecretMetadata {
  const m = s.metadata ?? {};
  const owner = m.ownerReferences?.[0];
  return {
    ...toMetadata({ ...m, name: m.name ?? "", generation: undefined }, namespace),
    type: s.type ?? "Opaque",
    keys: Object.keys(s.data ?? {}).sort(),
    annotations: stringRecord(m.annotations),
    owner: owner ? { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid } : null,
  };
}
