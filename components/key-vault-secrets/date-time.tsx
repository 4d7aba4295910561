const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A date in the operator's locale and time zone; the exact ISO instant is in the tooltip. */
export function DateTime({ value }: { value: string | Date | null }) {
  if (value === null) return <span className="text-slate-600">—</span>;
  const d = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()} className="whitespace-nowrap">
      {FORMAT.format(d)}
    </time>
  );
}
