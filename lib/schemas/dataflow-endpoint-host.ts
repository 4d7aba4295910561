/**
 * The host a data flow endpoint connects to, as each type writes it (domain.md §3.3): `host:port` for the brokers
 * and collectors (MQTT, Kafka, OpenTelemetry), an https URL for the Azure storage and analytics services (Data
 * Lake Storage, Data Explorer, Fabric OneLake). Shared by the form and the route, so both refuse in the same words.
 */

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?):(\d{1,5})$/;

/** Why `host` is not `host:port`, or null when it is. */
export function hostPortProblem(host: string, example: string): string | null {
  if (host.trim() === "") return `Enter a host and port, e.g. ${example}`;
  if (/\s/.test(host)) return "A host has no spaces";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return `Leave out the scheme: use host:port, e.g. ${example}`;
  const m = HOST_PORT.exec(host);
  if (!m) return `Use host:port, e.g. ${example}`;
  const port = Number(m[3]);
  return port >= 1 && port <= 65535 ? null : "Use a port from 1 to 65535";
}

/** The port of a `host:port` (null when it has none). */
export function portOf(host: string): number | null {
  const m = HOST_PORT.exec(host);
  return m ? Number(m[3]) : null;
}

/** Why `host` is not an https URL of a host (no query, no fragment), or null when it is. */
export function httpsUrlProblem(host: string, example: string): string | null {
  if (host.trim() === "") return `Enter the endpoint's URL, e.g. ${example}`;
  if (/\s/.test(host)) return "A URL has no spaces";
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    return `Use an https:// URL, e.g. ${example}`;
  }
  if (url.protocol !== "https:") return `Use an https:// URL, e.g. ${example}`;
  if (!url.hostname) return "Enter a host";
  if (url.search || url.hash) return "Leave out the query and fragment (a SAS token goes in its own field)";
  if (url.username || url.password) return "Leave out credentials: the endpoint's authentication carries them";
  return null;
}
