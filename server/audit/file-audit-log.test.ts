import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditListInput, type AuditEntry } from "@/lib/schemas/audit";
import { createFileAuditLog } from "./file-audit-log";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "audit-test-"));
  file = join(dir, "portal", "audit.log");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  n++;
  return {
    id: `id-${n}`, time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), requestId: `req-${n}`,
    actor: { oid: "oid-olivia", name: "Olivia Operator", kind: "user" }, action: "key-vault-secret.create",
    resources: [`secrets/s-${n}`], outcome: "succeeded", status: 201, ...over,
  };
}
const q = (o: Record<string, unknown> = {}) => auditListInput.parse(o);

describe("file audit log", () => {
  it("lists appended entries newest first, and they survive a restart (a new instance on the same file)", async () => {
    const log = createFileAuditLog(file);
    const a = entry();
    const b = entry({ actor: { oid: "oid-rudy", name: "Rudy Reader", kind: "user" }, outcome: "denied", status: 403 });
    await log.append(a);
    await log.append(b);
    expect((await log.list(q())).items.map((e) => e.id)).toEqual([b.id, a.id]);
    const reopened = createFileAuditLog(file);
    expect((await reopened.list(q())).items).toEqual([b, a]);
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("filters by user (name substring or object id), action, outcome and time range", async () => {
    const log = createFileAuditLog(file);
    const olivia = entry();
    const rudy = entry({ actor: { oid: "oid-rudy", name: "Rudy Reader", kind: "user" }, outcome: "denied", action: "key-vault-secret.delete" });
    const late = entry({ outcome: "failed" });
    for (const e of [olivia, rudy, late]) await log.append(e);
    const ids = async (f: Record<string, unknown>) => (await log.list(q(f))).items.map((e) => e.id);
    expect(await ids({ user: "rudy" })).toEqual([rudy.id]);
    expect(await ids({ user: "OID-OLIVIA" })).toEqual([late.id, olivia.id]);
    expect(await ids({ action: "DELETE" })).toEqual([rudy.id]);
    expect(await ids({ outcome: "failed" })).toEqual([late.id]);
    expect(await ids({ from: rudy.time })).toEqual([late.id, rudy.id]);
    expect(await ids({ to: rudy.time })).toEqual([rudy.id, olivia.id]);
  });

  it("pages with a cursor until every match was shown once", async () => {
    const log = createFileAuditLog(file);
    const all: AuditEntry[] = [];
    for (let i = 0; i < 7; i++) all.push(entry({ outcome: i % 2 ? "failed" : "succeeded" }));
    for (const e of all) await log.append(e);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await log.list(q({ pageSize: 2, outcome: "succeeded", cursor }));
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.filter((e) => e.outcome === "succeeded").reverse().map((e) => e.id));
  });

  it("skips a torn last line (crash mid-append) and starts the next entry on its own line", async () => {
    const log = createFileAuditLog(file);
    const a = entry();
    await log.append(a);
    appendFileSync(file, '{"id":"torn","time":"2026-');
    const reopened = createFileAuditLog(file);
    const b = entry();
    await reopened.append(b);
    expect((await reopened.list(q())).items.map((e) => e.id)).toEqual([b.id, a.id]);
    expect((await createFileAuditLog(file).list(q())).items.map((e) => e.id)).toEqual([b.id, a.id]);
  });

  it("sees entries another process appended to the same file", async () => {
    const mine = createFileAuditLog(file);
    await mine.append(entry());
    const other = entry({ id: "from-elsewhere" });
    appendFileSync(file, `${JSON.stringify(other)}\n`);
    expect((await mine.list(q())).items[0]?.id).toBe("from-elsewhere");
  });

  it("keeps concurrent appends whole and in order", async () => {
    const log = createFileAuditLog(file);
    const batch = Array.from({ length: 30 }, () => entry());
    await Promise.all(batch.map((e) => log.append(e)));
    const lines = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l).id);
    expect(lines).toEqual(batch.map((e) => e.id));
  });

  it("reads every shape of line the log has had: complete entries, and an intent joined with its outcome, also one another process appended", async () => {
    const old = entry();
    const log = createFileAuditLog(file);
    await log.append(old);
    const intent = { id: "intent-1", time: new Date(Date.UTC(2026, 0, 2)).toISOString(), requestId: "req-i", actor: old.actor,
      action: "device.update", resources: ["devices/line-1"], phase: "intent" as const };
    await log.append(intent);
    expect((await log.list(q())).items.map((e) => [e.id, e.outcome])).toEqual([["intent-1", "unknown"], [old.id, "succeeded"]]);
    appendFileSync(file, `${JSON.stringify({ ...intent, id: "outcome-1", phase: "outcome", intentId: "intent-1",
      resources: ["secretsyncs/line-1-opcua"], outcome: "succeeded", status: 200 })}\n`);
    const reopened = createFileAuditLog(file);
    for (const l of [log, reopened]) {
      expect((await l.list(q())).items).toEqual([
        { ...intent, phase: undefined, resources: ["devices/line-1", "secretsyncs/line-1-opcua"], outcome: "succeeded", status: 200 }, old]);
    }
  });
});
