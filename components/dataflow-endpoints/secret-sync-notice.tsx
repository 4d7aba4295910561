import type { DataflowEndpointList } from "@/lib/schemas/dataflow-endpoint-api";
import { SecretSyncNotice } from "@/components/endpoint-form/secret-sync-notice";

/** The data flow endpoint pages' notice that secret sync is off (their secret fields stay disabled meanwhile). */
export function EndpointsSecretSyncNotice({ secretSync }: { secretSync: DataflowEndpointList["secretSync"] }) {
  return (
    <SecretSyncNotice secretSync={secretSync} testId="dataflow-endpoints-secret-sync-disabled"
      secretFields="SASL, X.509 certificate and SAS token fields" />
  );
}
