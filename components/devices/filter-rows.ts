import type { DeviceEndpointRow } from "@/lib/schemas/device-api";
import { endpointTypeLabel } from "./labels";

/** The rows whose device, endpoint, address, type (value or label) or synced secret contains the term, any case. */
export function filterDeviceRows(rows: readonly DeviceEndpointRow[], term: string): DeviceEndpointRow[] {
  const t = term.trim().toLowerCase();
  if (t === "") return [...rows];
  return rows.filter((r) =>
    [r.device, r.endpoint, r.address, r.endpointType, endpointTypeLabel(r.endpointType), r.syncedSecretName ?? ""]
      .some((field) => field.toLowerCase().includes(t)));
}
