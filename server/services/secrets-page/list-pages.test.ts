import { describe, expect, it } from "vitest";
import { syncedSecretList, type SyncedSecret } from "@/lib/schemas/synced-secret-list";
import { DEFAULT_CONTROLS } from "@/lib/synced-secrets/list-controls";
import { syncedSecretRow } from "@/lib/synced-secrets/testing/rows";
import { pageOf } from "./list-pages";
import type { ListSnapshot } from "./list-snapshots";

function snapshotOf(items: SyncedSecret[], etag = '"v1"'): ListSnapshot {
  return {
    list: { items, index: { state: "ready", updatedAt: null, count: 0 }, defaultSecretProviderClass: "spc" },
    rowJson: new Map(items.map((s) => [s.name, JSON.stringify(s)])),
    etag,
  };
}

const rows = Array.from({ length: 120 }, (_, i) => syncedSecretRow(`s-${String(i).padStart(3, "0")}`, i % 10 === 0
  ? { sync: { state: "failed", reason: "ProviderError", message: "no such secret", since: null, lastSuccessfulSyncTime: null } }
  : {}));
const read = (json: string) => syncedSecretList.parse(JSON.parse(json));

describe("pageOf", () => {
  it("answers a page of the rows in order, with how many match and how many there are", () => {
    const snap = snapshotOf(rows);
    const first = read(pageOf(snap, { controls: DEFAULT_CONTROLS, offset: 0, limit: 50 }).json);
    expect(first.items.map((s) => s.name)).toEqual(rows.slice(0, 50).map((s) => s.name));
    expect(first).toMatchObject({ offset: 0, limit: 50, matching: 120, total: 120, defaultSecretProviderClass: "spc" });
    const last = read(pageOf(snap, { controls: DEFAULT_CONTROLS, offset: 100, limit: 50 }).json);
    expect(last.items.map((s) => s.name)).toEqual(rows.slice(100).map((s) => s.name));
    expect(read(pageOf(snap, { controls: DEFAULT_CONTROLS, offset: 500, limit: 50 }).json).items).toEqual([]);
  });

  it("searches, filters and sorts on the server, over every row, not just a page", () => {
    const snap = snapshotOf(rows);
    const failedFirst = read(pageOf(snap, { controls: { ...DEFAULT_CONTROLS, sort: "status", direction: "desc" }, offset: 0, limit: 5 }).json);
    expect(failedFirst.items.map((s) => s.name)).toEqual(["s-000", "s-010", "s-020", "s-030", "s-040"]);
    const failed = read(pageOf(snap, { controls: { ...DEFAULT_CONTROLS, states: ["failed"] }, offset: 0, limit: 50 }).json);
    expect(failed).toMatchObject({ matching: 12, total: 120 });
    const searched = read(pageOf(snap, { controls: { ...DEFAULT_CONTROLS, search: "S-11" }, offset: 0, limit: 50 }).json);
    expect(searched.items.map((s) => s.name)).toEqual(Array.from({ length: 10 }, (_, i) => `s-11${i}`));
  });

  it("gives each page and each snapshot its own ETag", () => {
    const snap = snapshotOf(rows);
    const q = { controls: DEFAULT_CONTROLS, offset: 0, limit: 50 };
    expect(pageOf(snap, q).etag).toBe(pageOf(snap, q).etag);
    expect(pageOf(snap, { ...q, offset: 50 }).etag).not.toBe(pageOf(snap, q).etag);
    expect(pageOf(snap, { ...q, controls: { ...DEFAULT_CONTROLS, unused: true } }).etag).not.toBe(pageOf(snap, q).etag);
    expect(pageOf(snapshotOf(rows, '"v2"'), q).etag).not.toBe(pageOf(snap, q).etag);
  });
});
