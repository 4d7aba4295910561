import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";

/** The pieces every save or delete plan is shown with: a titled section, a list of names, a resource's YAML. */

export type PlanAction = "create" | "update" | "delete" | "unchanged";

const ACTION_TONE: Record<PlanAction, BadgeTone> = { create: "success", update: "info", delete: "danger", unchanged: "neutral" };
const ACTION_LABEL: Record<PlanAction, string> = { create: "Create", update: "Update", delete: "Delete", unchanged: "Unchanged" };

export function ActionBadge({ action }: { action: PlanAction }) {
  return <Badge tone={ACTION_TONE[action]}>{ACTION_LABEL[action]}</Badge>;
}

export function PlanSection({ title, testId, children }: { title: ReactNode; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId} className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

export function NameList({ names, none }: { names: readonly string[]; none: string }) {
  if (names.length === 0) return <p className="text-slate-700">{none}</p>;
  return (
    <ul className="flex flex-col gap-0.5 font-mono text-xs">
      {names.map((n) => <li key={n} className="[overflow-wrap:anywhere]">{n}</li>)}
    </ul>
  );
}

/** A resource as it will be written (never a value: plans carry names, keys and YAML without secret data). */
export function Yaml({ text, summary, open = false }: { text: string; summary: string; open?: boolean }) {
  return (
    <details className="mt-1" open={open}>
      <summary className="cursor-pointer text-xs font-medium text-blue-800">{summary}</summary>
      {/* Focusable, so keyboard users can scroll a long YAML (it scrolls inside its own box). */}
      <pre tabIndex={0} aria-label={summary} className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-blue-400" data-testid="review-yaml">{text}</pre>
    </details>
  );
}
