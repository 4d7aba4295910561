import "server-only";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import { AppError } from "@/server/errors";
import type { DeviceSaveKube, DeviceSaveVault } from "./deps";
import type { FormReference, NewNameProbe, SaveState } from "./model";
import { formReferences } from "./references";
import type { SaveDeviceRequest } from "./types";
import { classesRead } from "./spc-objects-plan";
import { newlyPickedNames, newSecretNames } from "./vault-plan";

/**
 * Step 0: every read the plan needs, in parallel (the default SPC once the instance named it; the picks once the
 * SecretSyncs and the SPC say which are new). Key Vault is asked directly, never the name index.
 */
export async function readSaveState(kube: DeviceSaveKube, vault: DeviceSaveVault, request: SaveDeviceRequest): Promise<SaveState> {
  const refs = formReferences(request.endpoints);
  const instance = kube.instance.get();
  const spc = instance.then((i) => (i.defaultSecretProviderClass ? orNull(kube.secretProviderClasses.get(i.defaultSecretProviderClass.name)) : null));
  const secretSyncs = kube.secretSyncs.list();
  const others = Promise.all([instance, secretSyncs]).then(([i, syncs]) =>
    readOtherClasses(kube, refs, syncs, i.defaultSecretProviderClass?.name ?? null));
  const picks = Promise.all([secretSyncs, spc, others]).then(([syncs, s, o]) =>
    probePicks(vault, newlyPickedNames(refs, syncs, classesRead(s, o))));
  const [i, spcRead, syncs, otherClasses, devices, dataflowEndpoints, device, newNames, picked] = await Promise.all([
    instance, spc, secretSyncs, others, kube.devices.list(), kube.dataflowEndpoints.list(),
    orNull(kube.devices.get(request.name)), probeNewNames(vault, newSecretNames(refs)), picks,
  ]);
  const defaultSpcName = i.defaultSecretProviderClass?.name ?? null;
  return {
    instanceName: i.name,
    namespace: kube.namespace,
    vaultName: vault.vault.name,
    defaultSpcName,
    spc: spcRead,
    spcMissing: defaultSpcName !== null && spcRead === null,
    otherClasses,
    secretSyncs: syncs,
    devices,
    dataflowEndpoints,
    device,
    newNames,
    picks: picked,
  };
}

/** The classes, other than the default, that the synced secrets the form names read from (a system one's). */
async function readOtherClasses(kube: DeviceSaveKube, refs: readonly FormReference[], syncs: readonly SecretSync[],
  defaultSpcName: string | null): Promise<Map<string, SecretProviderClass>> {
  const named = new Set(refs.map((r) => r.syncedSecretName));
  const names = [...new Set(syncs.filter((s) => named.has(s.name) && s.secretProviderClassName !== defaultSpcName)
    .map((s) => s.secretProviderClassName))];
  const read = await Promise.all(names.map((n) => orNull(kube.secretProviderClasses.get(n))));
  return new Map(read.filter((c): c is SecretProviderClass => c !== null).map((c) => [c.name, c]));
}

async function probeNewNames(vault: DeviceSaveVault, names: string[]): Promise<Map<string, NewNameProbe>> {
  const probes = await Promise.all(names.map(async (name) => {
    const [live, deleted] = await Promise.all([orNull(vault.getSecretProperties(name)), orNull(vault.getDeletedSecret(name))]);
    return [name.toLowerCase(), { name, live, deleted }] as const;
  }));
  return new Map(probes);
}

async function probePicks(vault: DeviceSaveVault, names: string[]): Promise<Map<string, KeyVaultSecretSummary | null>> {
  const found = await Promise.all(names.map(async (n) => [n.toLowerCase(), await orNull(vault.getSecretProperties(n))] as const));
  return new Map(found);
}

/** A read that answers "not there" as null; any other failure stops the save before it writes. */
export async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof AppError && err.kind === "not-found") return null;
    throw err;
  }
}
