/**
 * Checks of the secret values a data flow endpoint's *Create new secret* takes, beyond PEM (lib/pem): the shape
 * only, so a value pasted into the wrong field is caught before it reaches Key Vault. Only new values are checked
 * (an existing Key Vault secret's value never reaches the portal). Messages never quote the value.
 */

/**
 * A Data Lake Storage SAS token as the endpoint's `accessToken` key wants it: the query string of a SAS URL
 * without the leading `?` (domain.md §3.3), with at least its version (`sv`) and signature (`sig`).
 */
export function sasTokenProblem(token: string): string | null {
  const t = token.trim();
  if (/^https?:\/\//i.test(t)) return "Paste only the SAS token (the part after '?'), not the whole URL";
  if (t.startsWith("?")) return "Leave out the leading '?': the endpoint takes the SAS token without it";
  if (/\s/.test(t)) return "A SAS token has no spaces or line breaks";
  const params = new URLSearchParams(t);
  const missing = ["sv", "sig"].filter((p) => !params.get(p));
  if (missing.length > 0) {
    return `Not a SAS token: it has no ${missing.map((p) => `${p}=`).join(" or ")} ` +
      "(e.g. sv=2022-11-02&ss=b&srt=co&sp=rwlac&se=…&sig=…)";
  }
  return null;
}

/** The fields of a Service Bus-style connection string (`Key=Value;…`; a value may itself hold `=`). */
function connectionStringFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of text.split(";")) {
    if (part.trim() === "") continue;
    const at = part.indexOf("=");
    if (at <= 0) continue;
    fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return fields;
}

/**
 * An Event Hubs (or Fabric Real-Time Intelligence) connection string, the SASL password of a Kafka endpoint on
 * Event Hubs: `Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<policy>;SharedAccessKey=<key>`
 * (optionally `;EntityPath=<hub>`).
 */
export function eventHubConnectionStringProblem(text: string): string | null {
  const t = text.trim();
  const example = "Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<policy>;SharedAccessKey=<key>";
  if (/[\r\n]/.test(t)) return "A connection string is one line";
  const f = connectionStringFields(t);
  const endpoint = f.get("endpoint");
  if (!endpoint) return `Paste the connection string, e.g. ${example}`;
  if (!/^sb:\/\/[^/\s;]+/i.test(endpoint)) return "The connection string's Endpoint starts with sb://";
  if (!f.get("sharedaccesskeyname")) return "The connection string has no SharedAccessKeyName";
  if (!f.get("sharedaccesskey")) return "The connection string has no SharedAccessKey";
  return null;
}
