/**
 * `<input type="datetime-local">` speaks the operator's wall-clock time without an offset; Key Vault wants an
 * instant. The form sends ISO 8601 with the operator's own offset (e.g. `2026-06-01T12:00:00+02:00`), so what was
 * typed is still readable in the request.
 */
const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-06-01T12:00` → `2026-06-01T12:00:00+02:00`; null when the input is empty or not a date. */
export function localInputToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const d = new Date(local); // no offset: parsed as local time
  if (Number.isNaN(d.getTime())) return null;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  // From the Date's own fields, so a time skipped by a DST change comes out as the instant the browser chose.
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An ISO instant as a `datetime-local` value in the operator's time zone (to show a date chosen before). */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
