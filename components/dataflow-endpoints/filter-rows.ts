import type { DataflowEndpointRow } from "@/lib/schemas/dataflow-endpoint-api";
import { authenticationMethodLabel } from "./labels";

/** The rows whose name, type (value or label), host, method (value or label) or synced secret contains the term, any case. */
export function filterEndpointRows(rows: readonly DataflowEndpointRow[], term: string): DataflowEndpointRow[] {
  const t = term.trim().toLowerCase();
  if (t === "") return [...rows];
  return rows.filter((r) =>
    [r.name, r.endpointType, r.hostType ?? "", r.typeLabel, r.host, r.authenticationMethod,
      authenticationMethodLabel(r.authenticationMethod), r.syncedSecretName ?? ""]
      .some((field) => field.toLowerCase().includes(t)));
}
