import "server-only";
import type { ActivityFilter, ActivityItem, AuditEntry, AuditIntent, AuditListInput, AuditPage, AuditRecord, AuditResult } from "@/lib/schemas/audit";

/**
 * The audit log's records in the order they were appended, listed as the Activity page shows them: an intent
 * joined with its outcome (found by the outcome's `intentId`) is one item at the intent's place; an intent without
 * an outcome is "unknown"; a complete entry is an item of its own. A store adds each record once, as it reads or
 * writes it, so a listing never re-reads the log.
 */
export interface ActivityIndex {
  add(record: AuditRecord): void;
  /** Forget everything (the log was replaced or truncated by hand). */
  clear(): void;
  /** Items newest first, filtered, one page at a time; the cursor is a position in the records. */
  page(input: AuditListInput): AuditPage;
}

export function createActivityIndex(): ActivityIndex {
  const records: AuditRecord[] = [];
  const intents = new Set<string>();
  const outcomes = new Map<string, AuditResult>();

  function itemAt(i: number): ActivityItem | undefined {
    const r = records[i]!;
    if (isIntent(r)) return joined(r, outcomes.get(r.id));
    // An outcome is shown with its intent; alone only when its intent is not in the log (a hand-edited file).
    if (isResult(r)) return intents.has(r.intentId) ? undefined : complete(r);
    return complete(r);
  }

  return {
    add(record) {
      records.push(record);
      if (isIntent(record)) intents.add(record.id);
      else if (isResult(record)) outcomes.set(record.intentId, record);
    },
    clear() {
      records.length = 0;
      intents.clear();
      outcomes.clear();
    },
    page(input) {
      const items: ActivityItem[] = [];
      let i = Math.min(input.cursor !== undefined ? Number(input.cursor) : records.length, records.length) - 1;
      for (; i >= 0; i--) {
        const item = itemAt(i);
        if (!item || !matches(item, input)) continue;
        if (items.length === input.pageSize) break;
        items.push(item);
      }
      // `i` stopped on one more match than the page holds: the next page starts there.
      return { items, nextCursor: i >= 0 ? String(i + 1) : null };
    },
  };
}

function isIntent(r: AuditRecord): r is AuditIntent {
  return "phase" in r && r.phase === "intent";
}

function isResult(r: AuditRecord): r is AuditResult {
  return "phase" in r && r.phase === "outcome";
}

function joined(intent: AuditIntent, result: AuditResult | undefined): ActivityItem {
  const { phase: _phase, ...common } = intent;
  if (!result) return { ...common, outcome: "unknown", status: null };
  return {
    ...common,
    resources: joinedResources(intent.resources, result.resources),
    outcome: result.outcome,
    status: result.status,
    ...(result.problem !== undefined && { problem: result.problem }),
    ...(result.upstreamCode !== undefined && { upstreamCode: result.upstreamCode }),
  };
}

/**
 * The intent's names, then what the outcome adds. An entry names the request path (`/api/…`) only when nothing else
 * named the resource: once one of the two names it, the path goes.
 */
function joinedResources(intent: readonly string[], result: readonly string[]): string[] {
  const all = [...new Set([...intent, ...result])];
  const named = all.filter((r) => !r.startsWith("/"));
  return named.length > 0 ? named : all;
}

function complete(e: AuditEntry | AuditResult): ActivityItem {
  return {
    id: e.id, time: e.time, requestId: e.requestId, actor: e.actor, action: e.action, resources: e.resources,
    outcome: e.outcome, status: e.status,
    ...(e.problem !== undefined && { problem: e.problem }),
    ...(e.upstreamCode !== undefined && { upstreamCode: e.upstreamCode }),
  };
}

/** Whether an item passes the Activity page's filters. */
export function matches(item: ActivityItem, f: ActivityFilter): boolean {
  if (f.user) {
    const u = f.user.toLowerCase();
    if (item.actor.oid.toLowerCase() !== u && !item.actor.name.toLowerCase().includes(u)) return false;
  }
  if (f.action && !item.action.toLowerCase().includes(f.action.toLowerCase())) return false;
  if (f.outcome && item.outcome !== f.outcome) return false;
  const t = Date.parse(item.time);
  if (f.from && t < Date.parse(f.from)) return false;
  if (f.to && t > Date.parse(f.to)) return false;
  return true;
}
