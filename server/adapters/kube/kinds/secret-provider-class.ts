import "server-only";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { NewSpcObject } from "@/lib/schemas/spc-object";
import { createKeyedQueue } from "@/server/adapters/kube/conflict-retry";
import type { CustomKind, CustomResources, UpdateOptions } from "@/server/adapters/kube/custom-resources";
import { parseSpcObjects, SpcObjectConflictError, SpcObjectsFormatError } from "@/server/adapters/kube/spc-objects";
import { record, str, toMetadata, type WireObject } from "@/server/adapters/kube/wire";
import { AppError } from "@/server/errors";

export const SECRET_PROVIDER_CLASS: CustomKind = {
  group: "secrets-store.csi.x-k8s.io", version: "v1", plural: "secretproviderclasses", kind: "SecretProviderClass",
};

export interface SpcObjectsEdit {
  add?: readonly NewSpcObject[];
  /** File names (`objectAlias`, else `objectName`) to remove. */
  remove?: readonly string[];
}

export interface SpcObjectsEditResult {
  secretProviderClass: SecretProviderClass;
  /** File names added, and removed, by this edit (an identical object already listed is not "added"). */
  added: string[];
  removed: string[];
}

export interface SecretProviderClassesAdapter {
  list(): Promise<SecretProviderClass[]>;
  get(name: string): Promise<SecretProviderClass>;
  /**
   * Adds and removes objects in the class's `objects` parameter and nothing else; every other object and field is
   * kept. Conflict-safe (re-read and re-applied on a concurrent change). Refuses a class whose `objects` it cannot
   * read (409, naming it) rather than overwrite it.
   */
  editObjects(name: string, edit: SpcObjectsEdit, o?: UpdateOptions): Promise<SpcObjectsEditResult>;
}

export function secretProviderClassesAdapter(resources: CustomResources, namespace: string): SecretProviderClassesAdapter {
  // One portal process applies its own edits of a class in turn, so they never conflict with each other.
  const queue = createKeyedQueue();
  const view = (o: WireObject) => toSecretProviderClass(o, namespace);
  return {
    list: async () => (await resources.list()).map(view),
    get: async (name) => view(await resources.get(name)),

    editObjects: (name, edit, o) => queue(name, async () => {
      const adds = edit.add ?? [];
      const fileNames = adds.map((a) => a.objectAlias ?? a.objectName);
      const twice = fileNames.find((f, i) => fileNames.indexOf(f) !== i);
      if (twice) {
        throw new AppError("bad-request", `'${twice}' is listed twice in one edit.`, { errors: { add: [`'${twice}' is listed twice`] } });
      }
      let added: string[] = [];
      let removed: string[] = [];
      const written = await resources.update(name, (current) => {
        const parameters = record(current.spec?.parameters);
        const list = parseObjects(name, parameters.objects);
        added = [];
        removed = [];
        try {
          for (const a of adds) if (list.add(a)) added.push(a.objectAlias ?? a.objectName);
        } catch (err) {
          if (!(err instanceof SpcObjectConflictError)) throw err;
          throw new AppError("conflict", `SecretProviderClass '${name}': ${err.message}.`,
            { errors: { add: [err.message] } });
        }
        for (const r of edit.remove ?? []) if (list.remove(r)) removed.push(r);
        if (added.length === 0 && removed.length === 0) return undefined;
        return { ...current, spec: { ...current.spec, parameters: { ...parameters, objects: list.toString() } } };
      }, o);
      return { secretProviderClass: view(written), added, removed };
    }),
  };
}

function parseObjects(name: string, objects: unknown) {
  if (objects !== undefined && objects !== null && typeof objects !== "string") {
    throw unreadable(name, "it is not a string");
  }
  try {
    return parseSpcObjects(objects);
  } catch (err) {
    if (err instanceof SpcObjectsFormatError) throw unreadable(name, err.reason);
    throw err;
  }
}

function unreadable(name: string, reason: string): AppError {
  return new AppError("conflict", `SecretProviderClass '${name}' has an objects parameter the portal cannot read ` +
    `(${reason}). Fix it on the cluster first; the portal will not overwrite it.`,
  { upstream: { service: "kubernetes", code: "MalformedObjects" } });
}

export function toSecretProviderClass(o: WireObject, namespace: string): SecretProviderClass {
  const parameters = record(o.spec?.parameters);
  let objects: SecretProviderClass["objects"] = [];
  let objectsProblem: string | null = null;
  try {
    objects = [...parseObjects(o.metadata.name, parameters.objects).objects];
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    objectsProblem = err.detail;
  }
  return {
    ...toMetadata(o.metadata, namespace),
    provider: str(o.spec?.provider),
    keyVaultName: str(parameters.keyvaultName),
    // The provider reads tenantID first and falls back to the deprecated tenantId, which AIO writes.
    tenantId: str(parameters.tenantID) ?? str(parameters.tenantId),
    clientId: str(parameters.clientID),
    objects,
    objectsProblem,
  };
}
