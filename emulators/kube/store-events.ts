import type { KubeObject, WatchEventType } from "./store-types";

/** One committed change, kept in the replay window; `prev` lets selector watches turn edits into ADDED/DELETED. */
export interface StoredEvent {
  type: WatchEventType;
  rv: number;
  resource: string;
  object: KubeObject;
  prev?: KubeObject;
}

type Listener = (e: StoredEvent) => void;

/**
 * The last `capacity` committed events, in resourceVersion order, and the live listeners per resource. Events are
 * pushed only once their write is durable, so a watcher never sees a change a crash could take back. Objects are
 * shared with the store (never mutated), so the window costs references, not copies.
 */
export class EventLog {
  private events: StoredEvent[] = [];
  private head = 0;
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Every event with rv > oldestRv is retained; a watch from an older version must relist (410 Expired). */
  oldestRv: number;

  constructor(private readonly capacity: number, startRv: number) {
    this.oldestRv = startRv;
  }

  push(e: StoredEvent): void {
    this.events.push(e);
    if (this.events.length - this.head > this.capacity) {
      this.oldestRv = this.events[this.head]?.rv ?? this.oldestRv;
      this.head += 1;
      if (this.head >= this.capacity) { this.events = this.events.slice(this.head); this.head = 0; }
    }
    for (const listener of this.listeners.get(e.resource) ?? []) listener(e);
  }

  /** Retained events of a resource with rv > `after`, oldest first. */
  since(resource: string, after: number): StoredEvent[] {
    let lo = this.head;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.events[mid]?.rv ?? 0) <= after) lo = mid + 1; else hi = mid;
    }
    return this.events.slice(lo).filter((e) => e.resource === resource);
  }

  /** The rv of the newest durable event (0 when none since start). */
  get newestRv(): number {
    return this.events.at(-1)?.rv ?? this.oldestRv;
  }

  subscribe(resource: string, listener: Listener): () => void {
    let set = this.listeners.get(resource);
    if (!set) { set = new Set(); this.listeners.set(resource, set); }
    set.add(listener);
    return () => { set.delete(listener); };
  }
}
