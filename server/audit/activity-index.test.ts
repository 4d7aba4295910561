import { describe, expect, it } from "vitest";
import { auditListInput, type AuditEntry, type AuditIntent, type AuditResult } from "@/lib/schemas/audit";
import { createActivityIndex } from "./activity-index";

let n = 0;
const at = () => new Date(Date.UTC(2026, 0, 1, 0, 0, ++n)).toISOString();
const olivia = { oid: "oid-olivia", name: "Olivia Operator", kind: "user" } as const;

function intent(over: Partial<AuditIntent> = {}): AuditIntent {
  return { id: `intent-${++n}`, time: at(), requestId: `req-${n}`, actor: olivia, action: "device.update",
    resources: ["devices/line-1"], phase: "intent", ...over };
}
function outcome(of: AuditIntent, over: Partial<AuditResult> = {}): AuditResult {
  return { id: `outcome-${++n}`, time: at(), requestId: of.requestId, actor: of.actor, action: of.action,
    resources: of.resources, phase: "outcome", intentId: of.id, outcome: "succeeded", status: 200, ...over };
}
/** An entry as every write was recorded before intents (and refusals still are). */
function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return { id: `entry-${++n}`, time: at(), requestId: `req-${n}`, actor: olivia, action: "key-vault-secret.create",
    resources: ["keyvault/secrets/a"], outcome: "succeeded", status: 201, ...over };
}
const q = (o: Record<string, unknown> = {}) => auditListInput.parse(o);

describe("activity index", () => {
  it("shows an intent and its outcome as one item at the intent's place, with both their resources", () => {
    const index = createActivityIndex();
    const old = entry();
    const save = intent({ resources: ["devices/line-1", "keyvault/secrets/line-1-password"] });
    const refused = entry({ outcome: "denied", status: 403, problem: "forbidden" });
    index.add(old);
    index.add(save);
    index.add(refused);
    index.add(outcome(save, { resources: ["devices/line-1", "secretsyncs/line-1-opcua"], outcome: "failed", status: 502,
      problem: "upstream", upstreamCode: "InternalError" }));
    const { items, nextCursor } = index.page(q());
    expect(items.map((i) => i.id)).toEqual([refused.id, save.id, old.id]);
    expect(items[1]).toEqual({ id: save.id, time: save.time, requestId: save.requestId, actor: olivia, action: "device.update",
      resources: ["devices/line-1", "keyvault/secrets/line-1-password", "secretsyncs/line-1-opcua"],
      outcome: "failed", status: 502, problem: "upstream", upstreamCode: "InternalError" });
    expect(items[2]).toEqual(old);
    expect(nextCursor).toBeNull();
  });

  it("shows an intent without an outcome as outcome unknown, and filters on it", () => {
    const index = createActivityIndex();
    const lost = intent();
    const done = intent();
    for (const r of [lost, done, outcome(done)]) index.add(r);
    expect(index.page(q()).items.map((i) => [i.id, i.outcome, i.status])).toEqual([[done.id, "succeeded", 200], [lost.id, "unknown", null]]);
    expect(index.page(q({ outcome: "unknown" })).items.map((i) => i.id)).toEqual([lost.id]);
    expect(index.page(q({ outcome: "succeeded" })).items.map((i) => i.id)).toEqual([done.id]);
  });

  it("drops the path stand-in once either record names the resource", () => {
    const index = createActivityIndex();
    const unnamed = intent({ resources: ["/api/devices"] });
    index.add(unnamed);
    index.add(outcome(unnamed, { resources: ["devices/new-one"] }));
    expect(index.page(q()).items[0]!.resources).toEqual(["devices/new-one"]);
  });

  it("shows an outcome whose intent is not in the log on its own", () => {
    const index = createActivityIndex();
    const stray = outcome(intent(), { outcome: "failed", status: 500 });
    index.add(stray);
    expect(index.page(q()).items).toMatchObject([{ id: stray.id, outcome: "failed", status: 500 }]);
  });

  it("pages over items only: every write once, whatever the outcomes in between", () => {
    const index = createActivityIndex();
    const writes = Array.from({ length: 5 }, () => intent());
    for (const w of writes) index.add(w);
    for (const w of writes) index.add(outcome(w));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = index.page(q({ pageSize: 2, cursor }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(writes.map((w) => w.id).reverse());
  });

  it("forgets everything on clear", () => {
    const index = createActivityIndex();
    index.add(entry());
    index.clear();
    expect(index.page(q()).items).toEqual([]);
  });
});
