"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import type { ActivityFilters } from "@/lib/api/activity";
import { auditOutcome } from "@/lib/schemas/audit";

export type FilterValues = Pick<ActivityFilters, "user" | "action" | "outcome" | "from" | "to">;

export const NO_FILTERS: FilterValues = { user: "", action: "", outcome: "", from: "", to: "" };

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-700";

/** `<input type="datetime-local">` speaks local time without a zone; the API wants an instant. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : "");

/** Filters applied on submit (not per keystroke), so each page of results answers one question. */
export function ActivityFiltersForm({ onApply }: { onApply: (f: FilterValues) => void }) {
  const [draft, setDraft] = useState({ ...NO_FILTERS });
  const set = (k: keyof FilterValues) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, from: toIso(draft.from), to: toIso(draft.to) });
  };
  return (
    <form onSubmit={submit} aria-label="Filter activity" data-testid="activity-filters"
      className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6">
      <label className="text-sm font-medium text-slate-800 md:col-span-1">User
        <input className={input} value={draft.user} onChange={set("user")} placeholder="Name or object id" data-testid="activity-filter-user" />
      </label>
      <label className="text-sm font-medium text-slate-800 md:col-span-1">Action
        <input className={input} value={draft.action} onChange={set("action")} placeholder="e.g. secret" data-testid="activity-filter-action" />
      </label>
      <label className="text-sm font-medium text-slate-800">Outcome
        <select className={input} value={draft.outcome} onChange={set("outcome")} data-testid="activity-filter-outcome">
          <option value="">Any</option>
          {auditOutcome.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </label>
      <label className="text-sm font-medium text-slate-800">From
        <input type="datetime-local" className={input} value={draft.from} onChange={set("from")} data-testid="activity-filter-from" />
      </label>
      <label className="text-sm font-medium text-slate-800">To
        <input type="datetime-local" className={input} value={draft.to} onChange={set("to")} data-testid="activity-filter-to" />
      </label>
      <div className="flex items-end gap-2">
        <Button type="submit" variant="primary" data-testid="activity-apply">Apply</Button>
        <Button type="reset" onClick={() => { setDraft({ ...NO_FILTERS }); onApply({ ...NO_FILTERS }); }} data-testid="activity-clear">Clear</Button>
      </div>
    </form>
  );
}
