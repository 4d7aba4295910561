import { afterEach, describe, expect, it, vi } from "vitest";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SyncedSecretEvent } from "@/lib/schemas/synced-secret-list";
import { createListSnapshots, PUBLISH_DEBOUNCE_MS, type ListSnapshotsDeps } from "./list-snapshots";

afterEach(() => { vi.useRealTimers(); });

const sync = (name: string, lastSuccessfulSyncTime: string | null): SecretSync => ({ name, namespace: "aio", uid: name,
  resourceVersion: "1", generation: 1, createdOn: "2026-11-01T00:00:00Z", labels: {}, annotations: {}, createdBy: "ops-portal",
  managedByPortal: true, secretProviderClassName: "spc", serviceAccountName: "sa", secretType: "Opaque", data: [],
  forceSynchronization: null, secretLabels: {}, secretAnnotations: {},
  status: { syncHash: null, lastSuccessfulSyncTime, conditions: [] } });

function harness() {
  let syncs = [sync("a", null), sync("b", "2026-11-05T09:00:00Z")];
  let version = 1;
  const listeners = new Set<() => void>();
  const kind = <T>(items: () => T[]) => ({ items: async () => items(), version: 0, calls: 0, onChange: () => () => undefined, stop() {} });
  const deps: ListSnapshotsDeps = {
    cache: { secretSyncs: kind(() => syncs), secrets: kind(() => []), devices: kind(() => []), dataflowEndpoints: kind(() => []),
      secretProviderClasses: kind(() => []), version: () => version,
      onChange: (l: () => void) => { listeners.add(l); return () => listeners.delete(l); } } as unknown as ListSnapshotsDeps["cache"],
    index: { status: () => ({ state: "ready", count: 0 }), get: () => undefined, updatedAt: () => null, revision: () => 1 },
    defaultSpcName: async () => "spc",
    now: () => new Date("2026-11-05T10:00:00Z"),
  };
  const change = (next: SecretSync[]) => { syncs = next; version++; for (const l of listeners) l(); };
  return { snapshots: createListSnapshots(deps), change };
}

describe("list snapshots and the live stream", () => {
  it("sends ready, then only the rows that changed and the names removed, after the debounce", async () => {
    vi.useFakeTimers();
    const { snapshots, change } = harness();
    await snapshots.current();
    const events: SyncedSecretEvent[] = [];
    const off = snapshots.subscribe((e) => events.push(e));
    expect(events).toEqual([{ type: "ready" }]);
    change([sync("a", "2026-11-05T09:59:59Z"), sync("c", null)]);
    change([sync("a", "2026-11-05T09:59:59Z"), sync("c", null)]);
    await vi.advanceTimersByTimeAsync(PUBLISH_DEBOUNCE_MS + 10);
    expect(events).toHaveLength(2);
    const changed = events[1] as Extract<SyncedSecretEvent, { type: "changed" }>;
    expect(changed.items.map((r) => [r.name, r.sync.state])).toEqual([["a", "synced"], ["c", "syncing"]]);
    expect(changed.removed).toEqual(["b"]);
    off();
    change([sync("a", null)]);
    await vi.advanceTimersByTimeAsync(PUBLISH_DEBOUNCE_MS + 10);
    expect(events).toHaveLength(2);
    snapshots.stop();
  });

  it("rebuildNow reflects a change made while a build was already running (a delete never reads back a ghost)", async () => {
    const { snapshots, change } = harness();
    const running = snapshots.current();             // reads the cache now: a and b
    change([sync("a", null)]);                       // b deleted meanwhile
    await snapshots.rebuildNow();
    expect((await running).list.items.map((r) => r.name)).toEqual(["a", "b"]);
    expect((await snapshots.current()).list.items.map((r) => r.name)).toEqual(["a"]);
    snapshots.stop();
  });
});
