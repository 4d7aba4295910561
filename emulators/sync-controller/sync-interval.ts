/**
 * `SYNC_INTERVAL`: seconds ("120") or a Go-style duration as the extension's settings use ("90s", "2m", "1h",
 * "500ms", "1m30s"). At least 100 ms (a tighter loop would only burn CPU); throws naming the bad value.
 */
export function parseSyncInterval(value: string): number {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return check(Number(v) * 1000, value);
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== v) {
    throw new Error(`SYNC_INTERVAL: "${value}" is not a duration (e.g. 120, 90s, 2m, 1h)`);
  }
  return check(parts.reduce((ms, p) => ms + Number(p[1]) * units[p[2]!]!, 0), value);
}

function check(ms: number, value: string): number {
  if (!Number.isFinite(ms) || ms < 100) throw new Error(`SYNC_INTERVAL: "${value}" is under 100 ms`);
  return Math.round(ms);
}
