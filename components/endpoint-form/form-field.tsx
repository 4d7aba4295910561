import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** Input and textarea look (the portal's focus ring; a red border when invalid). */
export const INPUT_CLASS = cn(
  "w-full rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-500",
  "focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700",
  "aria-[invalid=true]:border-red-700 read-only:bg-slate-50 disabled:bg-slate-100 disabled:text-slate-600",
);

/** The ids that tie a control to its hint and message (`aria-describedby`). */
export function fieldIds(id: string, o: { hint?: boolean; error?: string }) {
  const describedBy = [o.hint ? `${id}-hint` : null, o.error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": o.error ? true : undefined, "aria-describedby": describedBy || undefined } as const;
}

/**
 * A label, the control (given ids by {@link fieldIds}), an optional hint and the field's message right below it.
 * `testId` names the message: `<testId>-error`.
 */
export function FormField({ id, label, hint, error, testId, className, children }: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">{label}</label>
      {children}
      {hint ? <p id={`${id}-hint`} className="text-xs text-slate-700">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-800" data-testid={`${testId}-error`}>{error}</p>
      ) : null}
    </div>
  );
}
