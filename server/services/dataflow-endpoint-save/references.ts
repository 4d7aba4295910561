import "server-only";
import {
  dataflowFormReferences, EVENT_HUB_USERNAME_VAULT_SECRET, usesConnectionString, type DataflowEndpointForm,
} from "@/lib/schemas/dataflow-endpoint-form";
import { secretKeyOf } from "@/server/services/dataflow-endpoint-spec/blocks";
import type { DataflowSlot } from "./model";

/**
 * The secrets the endpoint's synced secret holds: the form's references, and for Event Hubs / Fabric RTI SASL the
 * username, which is the portal's one shared Key Vault secret holding `$ConnectionString` (synced keys come only
 * from Key Vault). A refusal about that key goes on the synced secret name: the form has no username field there.
 */
export function endpointSlots(form: DataflowEndpointForm): DataflowSlot[] {
  const synced = form.syncedSecretName;
  const slots: DataflowSlot[] = dataflowFormReferences(form).map((r) => ({
    field: r.field, key: r.key, path: r.path.join("."), syncedSecretName: synced, syncedSecretPath: "syncedSecretName",
    reference: r.reference, shared: false,
  }));
  if (form.endpointType === "Kafka" && form.authentication.method === "Sasl" && usesConnectionString(form.hostType)) {
    slots.unshift({ field: "username", key: secretKeyOf("username"), path: "syncedSecretName", syncedSecretName: synced,
      syncedSecretPath: "syncedSecretName", reference: { source: "existing", keyVaultSecretName: EVENT_HUB_USERNAME_VAULT_SECRET },
      shared: true });
  }
  return slots;
}

/** The form's own references (Key Vault checks as for any field); the shared username is planned on its own. */
export const formSlots = (slots: readonly DataflowSlot[]) => slots.filter((s) => !s.shared);
