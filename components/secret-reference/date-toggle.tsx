"use client";

/**
 * *Set activation date* / *Set expiration date*: a switch, and when on, a date and time in the operator's time zone.
 * `value` is the `datetime-local` text; the dialog turns it into an ISO instant with offset.
 */
export function DateToggle({ id, testId, label, dateLabel, on, value, onToggle, onChange, message, messageTone }: {
  id: string;
  testId: string;
  label: string;
  dateLabel: string;
  on: boolean;
  value: string;
  onToggle: (on: boolean) => void;
  onChange: (value: string) => void;
  /** A refusal (danger) or a note (info) about the chosen date. */
  message: string | null;
  messageTone: "danger" | "info";
}) {
  const messageId = `${id}-message`;
  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" role="switch" checked={on} onChange={(e) => onToggle(e.target.checked)} data-testid={`${testId}-toggle`} />
        {label}
      </label>
      {on ? (
        <div className="flex flex-col gap-1 pl-6">
          <label htmlFor={id} className="text-xs text-slate-700">{dateLabel} (your time zone)</label>
          <input
            id={id}
            type="datetime-local"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={messageTone === "danger" && message !== null}
            aria-describedby={message ? messageId : undefined}
            data-testid={testId}
            className="w-64 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
          />
          {message ? (
            <p id={messageId} className={messageTone === "danger" ? "text-xs font-medium text-red-700" : "text-xs text-slate-700"}>{message}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
