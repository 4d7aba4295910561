import "server-only";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SpcObject } from "@/lib/schemas/spc-object";
import { changeRefusal, ownerOf } from "@/server/services/synced-secret-rules";
import { dataflowEndpointReferences } from "@/server/services/synced-secret-users";
import type { Refusals } from "@/server/services/endpoint-save/refusals";
import { applyMappings, portalServiceAccount } from "@/server/services/endpoint-save/secret-sync-mappings";
import { classesRead, fileNameFor, objectsFor, vaultNameOf } from "@/server/services/endpoint-save/spc-objects-plan";
import type { FormReference, SaveState, StoredReference, SyncedSecretPlan } from "./model";
import { storedReferences } from "./references";

/**
 * What each synced secret the save touches becomes (docs/endpoint-secrets.md, "Rules"). Pure: refusals are
 * gathered in `refusals`.
 *
 * - A synced secret the form names gets each of its keys pointed at the form's Key Vault secret; its other keys
 *   stay (naming an existing portal-made one keeps them).
 * - A key another endpoint (another device) references is not re-pointed to another Key Vault secret (400 at the
 *   field); replacing this endpoint's own reference is fine.
 * - A key this device stops referencing is removed unless another endpoint still references it; a SecretSync
 *   left with no key is deleted.
 * - One made elsewhere, or a system one, is used as it is or refused; one a data flow endpoint uses is refused.
 */
export function planSyncedSecrets(form: readonly FormReference[], deviceName: string, state: SaveState,
  refusals: Refusals): SyncedSecretPlan[] {
  const objects = state.spc?.objects ?? [];
  const classes = classesRead(state.spc, state.otherClasses);
  const byName = new Map(state.secretSyncs.map((s) => [s.name, s]));
  const stored = state.device ? storedReferences(deviceName, state.device.spec) : [];
  const others = state.devices.filter((d) => d.name !== deviceName).flatMap((d) => storedReferences(d.name, d.spec));
  const flowUsers = new Map<string, string[]>();
  for (const e of state.dataflowEndpoints) {
    for (const r of dataflowEndpointReferences(e.name, e.spec)) flowUsers.set(r.secretName, [...(flowUsers.get(r.secretName) ?? []), e.name]);
  }
  const serviceAccountName = portalServiceAccount(state);
  const names = [...new Set([...form.map((r) => r.syncedSecretName),
    ...stored.filter((r) => r.key !== null).map((r) => r.syncedSecretName)])];

  return names.flatMap((name) => {
    const current = byName.get(name) ?? null;
    const plan = planOne({ name, current, mapped: current ? objectsFor(current, classes) : objects,
      refs: form.filter((r) => r.syncedSecretName === name),
      stored: stored.filter((r) => r.syncedSecretName === name), others: others.filter((r) => r.syncedSecretName === name),
      flowUsers: flowUsers.get(name) ?? [], objects, defaultSpcName: state.defaultSpcName, serviceAccountName }, refusals);
    return plan ? [plan] : [];
  });
}

interface OneInput {
  name: string;
  current: SecretSync | null;
  refs: FormReference[];
  stored: StoredReference[];
  others: StoredReference[];
  flowUsers: string[];
  /** The default class's objects (where the portal adds). */
  objects: readonly SpcObject[];
  /** The objects of the class this synced secret reads from (what its current paths mean). */
  mapped: readonly SpcObject[];
  defaultSpcName: string | null;
  serviceAccountName: string;
}

function planOne(i: OneInput, refusals: Refusals): SyncedSecretPlan | null {
  const currentData = i.current?.data ?? [];
  const pathOf = (key: string) => currentData.find((m) => m.targetKey === key)?.sourcePath;
  const wanted = new Map<string, string>();
  const keysAdded: string[] = [];
  for (const r of i.refs) {
    if (wanted.has(r.key)) continue;
    const kvName = r.reference.keyVaultSecretName;
    const was = pathOf(r.key);
    if (was !== undefined && vaultNameOf(i.mapped, was).toLowerCase() === kvName.toLowerCase()) {
      wanted.set(r.key, was);
      continue;
    }
    const clash = was !== undefined ? i.others.find((o) => o.key === r.key) : undefined;
    if (clash && was !== undefined) {
      refusals.add("bad-request", `Key '${r.key}' of synced secret '${i.name}' already refers to Key Vault secret ` +
        `'${vaultNameOf(i.mapped, was)}' (device '${clash.device}', endpoint '${clash.endpoint}'); use another synced ` +
        "secret name, or pick that secret.", r.path);
      continue;
    }
    const file = fileNameFor(i.objects, kvName);
    if (file.conflict) {
      refusals.add("conflict", `Key Vault secret '${kvName}' is already listed in the default SecretProviderClass as ` +
        `'${file.conflict.fileName}' with other settings (objectType ${file.conflict.objectType ?? "none"}` +
        `${file.conflict.objectEncoding ? `, objectEncoding ${file.conflict.objectEncoding}` : ""}), so the portal cannot ` +
        "map it; pick another secret.", r.path);
      continue;
    }
    wanted.set(r.key, file.fileName);
    keysAdded.push(r.key);
  }
  const endpointPaths = [...new Set(i.refs.map((r) => r.syncedSecretPath))];

  if (i.current) {
    const owner = ownerOf(i.current, i.defaultSpcName);
    if (owner.kind !== "portal") {
      // Used as it is when the form needs no change in it; never written.
      if (keysAdded.length > 0) {
        const refused = changeRefusal(i.name, owner, i.defaultSpcName, { hint: "use another synced secret name" });
        if (refused) for (const p of endpointPaths) refusals.addError(refused, p);
      }
      return { name: i.name, current: i.current, action: "unchanged", write: false, wanted, dropped: [],
        data: currentData, keysAdded: [], keysRemoved: [], serviceAccountName: i.current.serviceAccountName };
    }
  }

  const usedBefore = i.stored.length > 0;
  if (i.refs.length > 0 && i.flowUsers.length > 0 && (!usedBefore || keysAdded.length > 0)) {
    const message = `Synced secret '${i.name}' is used by data flow endpoint${i.flowUsers.length > 1 ? "s" : ""} ` +
      `${i.flowUsers.map((n) => `'${n}'`).join(", ")} (secretRef); a synced secret serves devices or data flow ` +
      "endpoints, never both. Use another synced secret name.";
    refusals.add("conflict", message, endpointPaths);
  }

  // Keys this device referenced and no longer does, that no other endpoint references either. A synced secret a
  // data flow endpoint uses keeps its keys: its Secret's keys are fixed by the endpoint's method.
  const stillUsed = new Set(i.others.map((o) => o.key));
  const dropped = i.flowUsers.length > 0 ? [] : [...new Set(i.stored.map((s) => s.key).filter((k): k is string =>
    k !== null && !wanted.has(k) && !stillUsed.has(k) && currentData.some((m) => m.targetKey === k)))];

  if (!i.current) {
    if (wanted.size === 0) return null;
    const data = [...wanted].map(([targetKey, sourcePath]) => ({ sourcePath, targetKey }));
    return { name: i.name, current: null, action: "create", write: true, wanted, dropped: [], data,
      keysAdded: [...wanted.keys()], keysRemoved: [], serviceAccountName: i.serviceAccountName };
  }

  const data = applyMappings(currentData, wanted, dropped);
  const unused = i.others.length === 0 && i.flowUsers.length === 0;
  if (data.length === 0 && !unused) {
    // Others name keys it does not map (dangling already): an empty SecretSync cannot be written, so leave it.
    return { name: i.name, current: i.current, action: "unchanged", write: false, wanted, dropped: [], data: currentData,
      keysAdded: [], keysRemoved: [], serviceAccountName: i.current.serviceAccountName };
  }
  const action = data.length === 0 ? "delete" : keysAdded.length > 0 || dropped.length > 0 ? "update" : "unchanged";
  return { name: i.name, current: i.current, action, write: wanted.size > 0 || action !== "unchanged", wanted, dropped,
    data, keysAdded, keysRemoved: dropped, serviceAccountName: i.current.serviceAccountName };
}
