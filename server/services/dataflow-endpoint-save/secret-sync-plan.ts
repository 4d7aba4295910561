import "server-only";
import type { DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SpcObject } from "@/lib/schemas/spc-object";
import type { SyncedSecretPlan } from "@/server/services/endpoint-save/model";
import type { Refusals } from "@/server/services/endpoint-save/refusals";
import { applyMappings, portalServiceAccount } from "@/server/services/endpoint-save/secret-sync-mappings";
import { classesRead, fileNameFor, objectsFor, vaultNameOf } from "@/server/services/endpoint-save/spc-objects-plan";
import { changeRefusal, ownerOf } from "@/server/services/synced-secret-rules";
import { dataflowEndpointReferences, deviceReferences } from "@/server/services/synced-secret-users";
import type { DataflowSlot, SaveState } from "./model";

/**
 * What each synced secret a data flow endpoint save touches becomes (docs/endpoint-secrets.md, "Rules"). Pure:
 * refusals are gathered in `refusals`.
 *
 * - The endpoint names a whole synced secret (`secretRef`): its keys are the method's, each pointed at the form's
 *   Key Vault secret. Keys the method no longer has are removed, unless another endpoint names the secret too.
 * - Two data flow endpoints may name one synced secret only if they agree on every key (same key, same Key Vault
 *   secret); a key another one uses is not re-pointed (400 at the field).
 * - A synced secret a device uses (`<synced>/<key>`) is refused: one serves devices or data flow endpoints.
 * - One made elsewhere, or a system one, is used as it is or refused.
 * - A synced secret the endpoint stops naming (another method, another name) is deleted whole when nothing else
 *   names it; the SPC objects follow by the grace-period rule; Key Vault is never touched.
 */
export function planSyncedSecrets(slots: readonly DataflowSlot[], endpointName: string, newSpec: DataflowEndpointSpec,
  state: SaveState, refusals: Refusals): SyncedSecretPlan[] {
  const byName = new Map(state.secretSyncs.map((s) => [s.name, s]));
  const users = usersOtherThan(endpointName, state);
  const serviceAccountName = portalServiceAccount(state);
  const plans: SyncedSecretPlan[] = [];

  const named = slots[0]?.syncedSecretName;
  if (named !== undefined) {
    const plan = planNamed({ name: named, current: byName.get(named) ?? null, slots, endpointName, state, users, serviceAccountName },
      refusals);
    if (plan) plans.push(plan);
  }
  const kept = new Set(dataflowEndpointReferences(endpointName, newSpec).map((r) => r.secretName));
  const stored = state.endpoint ? dataflowEndpointReferences(endpointName, state.endpoint.spec).map((r) => r.secretName) : [];
  for (const released of new Set(stored.filter((n) => !kept.has(n)))) {
    const plan = planReleased(byName.get(released) ?? null, users(released), state.defaultSpcName);
    if (plan) plans.push(plan);
  }
  return plans;
}

interface Users {
  /** Other data flow endpoints naming it. */
  flows: string[];
  devices: string[];
}

function usersOtherThan(endpointName: string, state: SaveState): (secretName: string) => Users {
  const flows = state.dataflowEndpoints.filter((e) => e.name !== endpointName)
    .flatMap((e) => dataflowEndpointReferences(e.name, e.spec));
  const devices = state.devices.flatMap((d) => deviceReferences(d.name, d.spec));
  return (secretName) => ({
    flows: [...new Set(flows.filter((r) => r.secretName === secretName).map((r) => r.user.name))],
    devices: [...new Set(devices.filter((r) => r.secretName === secretName).map((r) => r.user.name))],
  });
}

interface NamedInput {
  name: string;
  current: SecretSync | null;
  slots: readonly DataflowSlot[];
  endpointName: string;
  state: SaveState;
  users: (secretName: string) => Users;
  serviceAccountName: string;
}

function planNamed(i: NamedInput, refusals: Refusals): SyncedSecretPlan | null {
  const { current, state } = i;
  const objects: readonly SpcObject[] = state.spc?.objects ?? [];
  const mapped = current ? objectsFor(current, classesRead(state.spc, state.otherClasses)) : objects;
  const currentData = current?.data ?? [];
  const users = i.users(i.name);
  const pathOf = (key: string) => currentData.find((m) => m.targetKey === key)?.sourcePath;

  const wanted = new Map<string, string>();
  const keysAdded: string[] = [];
  for (const s of i.slots) {
    if (wanted.has(s.key)) continue;
    const kvName = s.reference.keyVaultSecretName;
    const was = pathOf(s.key);
    if (was !== undefined && vaultNameOf(mapped, was).toLowerCase() === kvName.toLowerCase()) {
      wanted.set(s.key, was);
      continue;
    }
    if (was !== undefined && users.flows.length > 0) {
      refusals.add("bad-request", `Key '${s.key}' of synced secret '${i.name}' refers to Key Vault secret ` +
        `'${vaultNameOf(mapped, was)}', and data flow endpoint${users.flows.length > 1 ? "s" : ""} ` +
        `${users.flows.map((n) => `'${n}'`).join(", ")} use${users.flows.length > 1 ? "" : "s"} it: endpoints that share a ` +
        "synced secret use the same Key Vault secrets. Pick that secret, or use another synced secret name.", s.path);
      continue;
    }
    const file = fileNameFor(objects, kvName);
    if (file.conflict) {
      refusals.add("conflict", `Key Vault secret '${kvName}' is already listed in the default SecretProviderClass as ` +
        `'${file.conflict.fileName}' with other settings (objectType ${file.conflict.objectType ?? "none"}` +
        `${file.conflict.objectEncoding ? `, objectEncoding ${file.conflict.objectEncoding}` : ""}), so the portal cannot ` +
        "map it; pick another secret.", s.path);
      continue;
    }
    wanted.set(s.key, file.fileName);
    keysAdded.push(s.key);
  }

  if (users.devices.length > 0) {
    refusals.add("conflict", `Synced secret '${i.name}' is used by device${users.devices.length > 1 ? "s" : ""} ` +
      `${users.devices.map((n) => `'${n}'`).join(", ")} (<synced secret>/<key>); a synced secret serves devices or data ` +
      "flow endpoints, never both. Use another synced secret name.", "syncedSecretName");
  }

  if (current) {
    const owner = ownerOf(current, state.defaultSpcName);
    if (owner.kind !== "portal") {
      // Used as it is when it already maps what the endpoint needs; never written.
      if (keysAdded.length > 0) {
        const refused = changeRefusal(i.name, owner, state.defaultSpcName, { hint: "use another synced secret name" });
        if (refused) refusals.addError(refused, "syncedSecretName");
      }
      return { name: i.name, current, action: "unchanged", write: false, wanted, dropped: [], data: currentData,
        keysAdded: [], keysRemoved: [], serviceAccountName: current.serviceAccountName, ownUser: i.endpointName };
    }
  } else {
    const data = [...wanted].map(([targetKey, sourcePath]) => ({ sourcePath, targetKey }));
    return { name: i.name, current: null, action: "create", write: true, wanted, dropped: [], data,
      keysAdded: [...wanted.keys()], keysRemoved: [], serviceAccountName: i.serviceAccountName, ownUser: i.endpointName };
  }

  // The whole synced secret is this endpoint's unless another one names it: keys its method lacks go.
  const alone = users.flows.length === 0 && users.devices.length === 0;
  const dropped = alone ? currentData.map((m) => m.targetKey).filter((k) => !wanted.has(k)) : [];
  const data = applyMappings(currentData, wanted, dropped);
  const action = keysAdded.length > 0 || dropped.length > 0 ? "update" : "unchanged";
  return { name: i.name, current, action, write: true, wanted, dropped, data, keysAdded, keysRemoved: dropped,
    serviceAccountName: current.serviceAccountName, ownUser: i.endpointName };
}

/** A synced secret the endpoint no longer names: deleted whole when it is the portal's and nothing else names it. */
function planReleased(current: SecretSync | null, users: Users, defaultSpcName: string | null): SyncedSecretPlan | null {
  if (!current || users.flows.length > 0 || users.devices.length > 0) return null;
  if (ownerOf(current, defaultSpcName).kind !== "portal") return null;
  const keys = current.data.map((m) => m.targetKey);
  return { name: current.name, current, action: "delete", write: true, wanted: new Map(), dropped: keys, data: [],
    keysAdded: [], keysRemoved: keys, serviceAccountName: current.serviceAccountName };
}
