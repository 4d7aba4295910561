import type { ReactNode } from "react";

/** The page's one h1 and a sentence saying what the page is for. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {children ? <div className="mt-1 max-w-3xl text-sm text-slate-700">{children}</div> : null}
    </header>
  );
}
