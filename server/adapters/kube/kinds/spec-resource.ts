import "server-only";
import type { z } from "zod";
import type { KubeMetadata } from "@/lib/schemas/kube-metadata";
import type { CustomKind, CustomResources, UpdateFromOptions, UpdateOptions } from "@/server/adapters/kube/custom-resources";
import { readAs, remember, wireOf, withAnnotations } from "@/server/adapters/kube/read-objects";
import { record, toMetadata, type WireObject } from "@/server/adapters/kube/wire";
import { AppError } from "@/server/errors";

/**
 * Kinds the portal reads and writes as "metadata + spec" (Device, DataflowEndpoint): the spec is checked against
 * our schema on the way in (a loose one: fields we do not type are kept, so an update never drops them).
 */
export type SpecObject<S> = KubeMetadata & { spec: S; status: Record<string, unknown> | null };

/** What a write from an object already read sets: the whole spec, and annotations (null removes one). */
export interface SpecObjectChange<S> {
  spec: S;
  annotations?: Record<string, string | null>;
}

export interface SpecResourceAdapter<S> {
  list(): Promise<SpecObject<S>[]>;
  get(name: string): Promise<SpecObject<S>>;
  create(input: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; spec: S }):
    Promise<SpecObject<S>>;
  /** Conflict-safe read-modify-write of the spec (re-applied on a concurrent change unless `ifResourceVersion`). */
  update(name: string, change: (spec: S) => S, o?: UpdateOptions): Promise<SpecObject<S>>;
  /**
   * Writes `change(current)` over an object this adapter read, with its resourceVersion and no read first; a stale
   * write re-reads and re-applies the change (bounded), or is refused with 409 when `pinned`. `undefined` from the
   * change writes nothing. Metadata and status the change does not name are kept.
   */
  updateFrom(current: SpecObject<S>, change: (current: SpecObject<S>) => SpecObjectChange<S> | undefined,
    o?: UpdateFromOptions): Promise<SpecObject<S>>;
  /** Deletes the object if it is still the one read (uid + resourceVersion preconditions; 409 when it changed). */
  delete(name: string, preconditions: { uid: string; resourceVersion: string }): Promise<void>;
}

/** The portal's view of one object of a spec kind; an AppError (502) when its spec does not parse. */
export function toSpecObject<S extends Record<string, unknown>>(o: WireObject, kind: CustomKind, namespace: string,
  specSchema: z.ZodType<S>): SpecObject<S> {
  const parsed = specSchema.safeParse(o.spec ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("upstream", `${kind.kind} '${o.metadata.name}' has a spec the portal does not understand ` +
      `(${["spec", ...(issue?.path ?? [])].join(".")}: ${issue?.message ?? "invalid"}).`,
    { upstream: { service: "kubernetes", code: "UnexpectedShape" } });
  }
  return remember({ ...toMetadata(o.metadata, namespace), spec: parsed.data, status: o.status ? record(o.status) : null }, o);
}

export function specResourceAdapter<S extends Record<string, unknown>>(resources: CustomResources, kind: CustomKind,
  namespace: string, specSchema: z.ZodType<S>): SpecResourceAdapter<S> {
  const view = (o: WireObject): SpecObject<S> => toSpecObject(o, kind, namespace, specSchema);
  return {
    list: async () => (await resources.list()).map(view),
    get: async (name) => view(await resources.get(name)),
    create: async (input) => view(await resources.create({
      apiVersion: `${kind.group}/${kind.version}`,
      kind: kind.kind,
      metadata: { name: input.name, namespace, ...(input.labels && { labels: input.labels }),
        ...(input.annotations && Object.keys(input.annotations).length > 0 && { annotations: input.annotations }) },
      spec: input.spec,
    })),
    update: async (name, change, o) => view(await resources.update(name,
      (current) => ({ ...current, spec: change(view(current).spec) }), o)),
    async updateFrom(current, change, o) {
      const first = wireOf(current) ?? await readAs(resources, current);
      return view(await resources.updateFrom(first, (wire) => {
        const next = change(view(wire));
        if (next === undefined) return undefined;
        return { ...withAnnotations(wire, next.annotations), spec: next.spec };
      }, o));
    },
    delete: (name, preconditions) => resources.delete(name, preconditions),
  };
}

