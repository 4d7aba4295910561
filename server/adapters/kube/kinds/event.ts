import "server-only";
import type { CoreV1Event } from "@kubernetes/client-node";
import type { KubeEvent } from "@/lib/schemas/kube-event";
import type { KubeConnection } from "@/server/adapters/kube/connection";
import { mapKubeError } from "@/server/adapters/kube/errors";
import { iso } from "@/server/adapters/kube/wire";

/** Events of the namespace, read by the object they are about (`kubectl describe` does the same). */
export interface EventsAdapter {
  /** Events whose `involvedObject` is this kind and name, newest first, at most `limit` (default 50). */
  listFor(o: { kind: string; name: string; limit?: number }): Promise<KubeEvent[]>;
}

export function eventsAdapter(conn: KubeConnection, namespace: string): EventsAdapter {
  return {
    async listFor({ kind, name, limit = 50 }) {
      try {
        // Field selectors on involvedObject are served by every API server (events are indexed by them); one
        // page is plenty: the API server keeps events an hour by default.
        const list = await conn.core.listNamespacedEvent({ namespace, limit: 500,
          fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name}` }, conn.callOptions());
        return list.items.map(toKubeEvent)
          .sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? ""))
          .slice(0, limit);
      } catch (err) {
        throw mapKubeError(err, { operation: "list", kind: "Event", resource: "events", namespace, cluster: conn.cluster });
      }
    },
  };
}

export function toKubeEvent(e: CoreV1Event): KubeEvent {
  const first = iso(e.firstTimestamp) ?? iso(e.eventTime);
  return {
    type: e.type ?? "Normal",
    reason: e.reason ?? null,
    message: e.message ?? null,
    count: typeof e.count === "number" ? e.count : null,
    firstSeen: first,
    lastSeen: iso(e.lastTimestamp) ?? iso(e.eventTime) ?? first,
    source: e.source?.component ?? e.reportingComponent ?? null,
    involvedUid: e.involvedObject?.uid ?? null,
  };
}
