"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { activityOutcome, type ActivityFilter } from "@/lib/schemas/audit";
import { OUTCOME_LABEL } from "./outcome";

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-700";

/** A typed field, or undefined when left blank (no filter). */
const textOf = (data: FormData, name: string) => {
  const v = String(data.get(name) ?? "").trim();
  return v === "" ? undefined : v;
};

/** `<input type="datetime-local">` speaks local time without a zone; the API wants an instant. */
const instantOf = (data: FormData, name: string) => {
  const local = textOf(data, name);
  return local === undefined ? undefined : new Date(local).toISOString();
};

function filterOf(form: HTMLFormElement): ActivityFilter {
  const data = new FormData(form);
  const outcome = activityOutcome.safeParse(data.get("outcome"));
  return {
    user: textOf(data, "user"),
    action: textOf(data, "action"),
    outcome: outcome.success ? outcome.data : undefined,
    from: instantOf(data, "from"),
    to: instantOf(data, "to"),
  };
}

/**
 * Filters applied on submit (not per keystroke), so each page of results answers one question. The fields are the
 * form's own (uncontrolled): Apply reads them, Clear resets them and applies no filter.
 */
export function ActivityFilterForm({ onApply }: { onApply: (filter: ActivityFilter) => void }) {
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onApply(filterOf(e.currentTarget));
  };
  return (
    <form onSubmit={submit} onReset={() => onApply({})} aria-label="Filter activity" data-testid="activity-filters"
      className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6">
      <label className="text-sm font-medium text-slate-800 md:col-span-1">User
        <input name="user" className={input} placeholder="Name or object id" data-testid="activity-filter-user" />
      </label>
      <label className="text-sm font-medium text-slate-800 md:col-span-1">Action
        <input name="action" className={input} placeholder="e.g. secret" data-testid="activity-filter-action" />
      </label>
      <label className="text-sm font-medium text-slate-800">Outcome
        <select name="outcome" className={input} defaultValue="" data-testid="activity-filter-outcome">
          <option value="">Any</option>
          {activityOutcome.options.map((o) => <option key={o} value={o}>{OUTCOME_LABEL[o]}</option>)}
        </select>
      </label>
      <label className="text-sm font-medium text-slate-800">From
        <input name="from" type="datetime-local" className={input} data-testid="activity-filter-from" />
      </label>
      <label className="text-sm font-medium text-slate-800">To
        <input name="to" type="datetime-local" className={input} data-testid="activity-filter-to" />
      </label>
      <div className="flex items-end gap-2">
        <Button type="submit" variant="primary" data-testid="activity-apply">Apply</Button>
        <Button type="reset" data-testid="activity-clear">Clear</Button>
      </div>
    </form>
  );
}
