import "server-only";
import type { KubeMetadata } from "@/lib/schemas/kube-metadata";
import type { CustomResources } from "@/server/adapters/kube/custom-resources";
import type { WireMetadata, WireObject } from "@/server/adapters/kube/wire";

/**
 * The wire object each view was made from, so a write "from what was read" (`updateFrom`, `deleteFrom`) needs no
 * second read: the view stays our plain type, and the adapter still writes back every field it does not show.
 * Held weakly: it goes with the view. A view without one (built by hand, or a copy) makes the adapter read first.
 */
const wires = new WeakMap<object, WireObject>();

export function remember<T extends object>(view: T, wire: WireObject): T {
  wires.set(view, wire);
  return view;
}

export function wireOf(view: object): WireObject | undefined {
  return wires.get(view);
}

/** Annotations after a change: a string sets the key, null removes it; keys not named are kept. */
export function withAnnotations(wire: WireObject, change: Record<string, string | null> | undefined): WireObject {
  if (!change || Object.keys(change).length === 0) return wire;
  const annotations: Record<string, string> = { ...wire.metadata.annotations };
  for (const [k, v] of Object.entries(change)) {
    if (v === null) delete annotations[k];
    else annotations[k] = v;
  }
  const metadata: WireMetadata = { ...wire.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  return { ...wire, metadata };
}

/**
 * For a view made without the adapter (a copy, a test's value): reads the object but keeps the view's
 * resourceVersion, so a write from it over a newer object is still a stale write (409).
 */
export async function readAs(resources: CustomResources, current: Pick<KubeMetadata, "name" | "resourceVersion">):
  Promise<WireObject> {
  const read = await resources.get(current.name);
  return { ...read, metadata: { ...read.metadata, resourceVersion: current.resourceVersion } };
}
