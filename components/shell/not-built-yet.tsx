import type { ReactNode } from "react";
import { PageHeader } from "./page-header";

/**
 * What a page that does not exist yet shows: its purpose and when it comes. Deliberately no placeholder
 * rows or sample numbers — an operator must never mistake a mock for the state of the cluster.
 */
export function NotBuiltYet({ title, purpose, comesWith }: { title: string; purpose: ReactNode; comesWith: string }) {
  return (
    <>
      <PageHeader title={title}>{purpose}</PageHeader>
      <section
        aria-labelledby="not-built-heading"
        data-testid="not-built-yet"
        className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8"
      >
        <h2 id="not-built-heading" className="text-base font-semibold text-slate-900">
          Not built yet
        </h2>
        <p className="mt-1 text-sm text-slate-700">This page comes with {comesWith}. Nothing on it is shown until then.</p>
      </section>
    </>
  );
}
