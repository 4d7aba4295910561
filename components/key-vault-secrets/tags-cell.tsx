const SHOWN = 3;

/** Tags as `key: value` chips; the rest behind "+N more", whose tooltip and accessible name list them all. */
export function TagsCell({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span className="text-slate-600">—</span>;
  const rest = entries.slice(SHOWN);
  const all = entries.map(([k, v]) => `${k}: ${v}`).join(", ");
  return (
    <ul className="flex max-w-60 flex-wrap gap-1" aria-label={`Tags: ${all}`} data-testid="kv-secret-tags">
      {entries.slice(0, SHOWN).map(([k, v]) => (
        <li key={k} className="max-w-56 truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800" title={`${k}: ${v}`}>
          {k}: {v}
        </li>
      ))}
      {rest.length > 0 ? (
        <li className="px-1 py-0.5 text-xs text-slate-700" title={all}>
          +{rest.length} more
        </li>
      ) : null}
    </ul>
  );
}
