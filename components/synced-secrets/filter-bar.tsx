"use client";

import { STATE_FILTERS, type ListControls, type StateFilter } from "@/lib/synced-secrets/list-controls";

const STATE_LABEL: Record<StateFilter, string> = { synced: "Synced", syncing: "Syncing", failed: "Failed" };

const FLAGS = [
  { key: "unused", label: "Unused" },
  { key: "warnings", label: "Has warnings" },
  { key: "system", label: "System" },
] as const satisfies readonly { key: keyof ListControls; label: string }[];

/**
 * Checkboxes that narrow the list: any of the ticked states (none ticked: every state), and each ticked flag must
 * hold too. Plain checkboxes in fieldsets, so a screen reader announces the group and each choice.
 */
export function FilterBar({ controls, onChange }: { controls: ListControls; onChange: (next: ListControls) => void }) {
  const toggleState = (s: StateFilter, on: boolean) =>
    onChange({ ...controls, states: on ? [...controls.states, s] : controls.states.filter((x) => x !== s) });
  return (
    <div className="flex flex-wrap items-end gap-6 text-sm text-slate-800" data-testid="synced-secrets-filters">
      <fieldset className="flex flex-wrap items-center gap-3">
        <legend className="mb-1 font-medium">State</legend>
        {STATE_FILTERS.map((s) => (
          <label key={s} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={controls.states.includes(s)}
              onChange={(e) => toggleState(s, e.target.checked)}
              data-testid={`synced-secrets-filter-${s}`}
            />
            {STATE_LABEL[s]}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap items-center gap-3">
        <legend className="mb-1 font-medium">Only</legend>
        {FLAGS.map((f) => (
          <label key={f.key} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={controls[f.key]}
              onChange={(e) => onChange({ ...controls, [f.key]: e.target.checked })}
              data-testid={`synced-secrets-filter-${f.key}`}
            />
            {f.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
