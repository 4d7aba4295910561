import { SyncFailure } from "./conditions";
import { KubeApiError, paths, type KubeClient, type KubeObject } from "./kube-client";

/** The controller's field manager and its reserved label/annotation key (released v0.0.x, domain.md §2.4). */
export const FIELD_MANAGER = "v1-secrets-store-sync-controller";
export const RESERVED_KEY = "secrets-store.sync.x-k8s.io";

export interface SecretSyncRef {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; uid: string };
  spec: { secretObject: { type?: string; labels?: Record<string, string>; annotations?: Record<string, string> } };
}

/** The Secret as the controller applies it: name and namespace of the SecretSync, owned by it (GC deletes it). */
export function desiredSecret(ss: SecretSyncRef, data: Record<string, Buffer>): KubeObject {
  const { name, namespace, uid } = ss.metadata;
  const so = ss.spec.secretObject;
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name, namespace,
      labels: { ...so.labels, [RESERVED_KEY]: "" },
      annotations: { ...so.annotations, [RESERVED_KEY]: "" },
      // No controller / blockOwnerDeletion, as the released controller writes it.
      ownerReferences: [{ apiVersion: ss.apiVersion, kind: ss.kind, name, uid }],
    },
    type: so.type || "Opaque",
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.toString("base64")])),
  };
}

/**
 * Writes the Secret by server-side apply (`application/apply-patch+yaml`, fieldManager
 * v1-secrets-store-sync-controller, no force: a field owned by another manager is a conflict, as for the real
 * controller). An API server without server-side apply (415) gets the same object by create or update instead
 * (remembered for the life of the writer). Any refusal is UnknownError with the API server's message.
 */
export class SecretWriter {
  private applySupported = true;

  constructor(private readonly kube: KubeClient) {}

  async write(secret: KubeObject): Promise<"apply" | "create-or-update"> {
    const { name, namespace } = secret.metadata as { name: string; namespace: string };
    try {
      if (this.applySupported) {
        try {
          await this.apply(secret, namespace, name);
          return "apply";
        } catch (err) {
          if (!(err instanceof KubeApiError && err.status === 415)) throw err;
          this.applySupported = false;
        }
      }
      await this.createOrUpdate(secret, namespace, name);
      return "create-or-update";
    } catch (err) {
      if (err instanceof SyncFailure) throw err;
      const why = err instanceof KubeApiError ? `${err.status} ${err.reason}: ${err.message}` : (err as Error).message;
      throw new SyncFailure("UnknownError", `failed to patch secret "${name}": ${why}`);
    }
  }

  /**
   * Apply without force; a conflict only with the controller's own create/update writes (same manager name, the
   * fallback below, e.g. on a cluster that gained server-side apply since) is taken over with force=true.
   */
  private async apply(secret: KubeObject, namespace: string, name: string): Promise<void> {
    const path = `${paths.secret(namespace, name)}?fieldManager=${FIELD_MANAGER}`;
    try {
      await this.kube.call("PATCH", path, secret, "application/apply-patch+yaml");
    } catch (err) {
      if (!(err instanceof KubeApiError && err.status === 409 && err.reason === "Conflict" && onlyOwnConflicts(err))) throw err;
      await this.kube.call("PATCH", `${path}&force=true`, secret, "application/apply-patch+yaml");
    }
  }

  private async createOrUpdate(secret: KubeObject, namespace: string, name: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.kube.find(paths.secret(namespace, name));
      try {
        if (!current) {
          await this.kube.call("POST", `${paths.secrets(namespace)}?fieldManager=${FIELD_MANAGER}`, secret);
          return;
        }
        await this.kube.call("PUT", `${paths.secret(namespace, name)}?fieldManager=${FIELD_MANAGER}`, merged(current, secret));
        return;
      } catch (err) {
        // Someone wrote it between the read and the write: read again (bounded).
        if (err instanceof KubeApiError && (err.reason === "Conflict" || err.reason === "AlreadyExists")) continue;
        throw err;
      }
    }
    throw new SyncFailure("UnknownError", `failed to patch secret "${name}": it kept changing under the controller`);
  }
}

function onlyOwnConflicts(err: KubeApiError): boolean {
  const causes = err.details?.causes ?? [];
  return causes.length > 0 && causes.every((c) => c.message?.startsWith(`conflict with "${FIELD_MANAGER}"`));
}

/** What apply would leave: the fields we apply win, other labels/annotations/owners are kept. */
function merged(current: KubeObject, desired: KubeObject): KubeObject {
  const m = desired.metadata;
  const ownUids = new Set((m.ownerReferences as { uid: string }[]).map((o) => o.uid));
  const otherOwners = ((current.metadata.ownerReferences ?? []) as { uid: string }[]).filter((o) => !ownUids.has(o.uid));
  return {
    ...current,
    metadata: {
      ...current.metadata,
      labels: { ...current.metadata.labels, ...m.labels },
      annotations: { ...current.metadata.annotations, ...m.annotations },
      ownerReferences: [...otherOwners, ...(m.ownerReferences as object[])],
    },
    type: desired.type,
    data: desired.data,
  };
}
