import type { ReactNode } from "react";

/** One titled part of the details page (an `<h2>` for screen reader navigation). */
export function Section({ id, title, testId, children }: { id: string; title: string; testId: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid={testId}>
      <h2 id={id} className="text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

/** A term and its value in the summary's description list. */
export function Fact({ term, testId, children }: { term: string; testId?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium tracking-wide text-slate-700 uppercase">{term}</dt>
      <dd className="text-sm text-slate-900" data-testid={testId}>{children}</dd>
    </div>
  );
}
