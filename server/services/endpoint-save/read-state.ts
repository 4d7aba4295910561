import "server-only";
import type { InstanceSettings } from "@/lib/schemas/instance-settings";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import { AppError } from "@/server/errors";
import type { EndpointSaveKube, EndpointSaveVault } from "./deps";
import type { NewNameProbe, SecretSlot, SecretsState } from "./model";
import { classesRead } from "./spc-objects-plan";
import { newlyPickedNames, newSecretNames } from "./vault-plan";

/**
 * Step 0, secret part: every read the plan of the Key Vault secrets, SPC objects and SecretSyncs needs, in
 * parallel (the default SPC with the instance, {@link readDefaultSpc}; the picks once the SecretSyncs and the SPC
 * say which are new). Key Vault is asked directly, never the name index. `extraNewNames` are names the save
 * creates on its own (not from a form field), probed like the form's.
 */
export async function readSecretsState(kube: EndpointSaveKube, vault: EndpointSaveVault, refs: readonly SecretSlot[],
  o: { extraNewNames?: string[] } = {}): Promise<SecretsState> {
  const { instance, spc } = readDefaultSpc(kube);
  const secretSyncs = kube.secretSyncs.list();
  const others = Promise.all([instance, secretSyncs]).then(([i, syncs]) =>
    readOtherClasses(kube, refs, syncs, i.defaultSecretProviderClass?.name ?? null));
  const picks = Promise.all([secretSyncs, spc, others]).then(([syncs, s, other]) =>
    probePicks(vault, newlyPickedNames(refs, syncs, classesRead(s, other))));
  const [i, spcRead, syncs, otherClasses, devices, dataflowEndpoints, newNames, picked] = await Promise.all([
    instance, spc, secretSyncs, others, kube.devices.list(), kube.dataflowEndpoints.list(),
    probeNewNames(vault, [...newSecretNames(refs), ...(o.extraNewNames ?? [])]), picks,
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
    newNames,
    picks: picked,
  };
}

/** The classes, other than the default, that the synced secrets the form names read from (a system one's). */
async function readOtherClasses(kube: EndpointSaveKube, refs: readonly SecretSlot[], syncs: readonly SecretSync[],
  defaultSpcName: string | null): Promise<Map<string, SecretProviderClass>> {
  const named = new Set(refs.map((r) => r.syncedSecretName));
  const names = [...new Set(syncs.filter((s) => named.has(s.name) && s.secretProviderClassName !== defaultSpcName)
    .map((s) => s.secretProviderClassName))];
  const read = await Promise.all(names.map((n) => orNull(kube.secretProviderClasses.get(n))));
  return new Map(read.filter((c): c is SecretProviderClass => c !== null).map((c) => [c.name, c]));
}

async function probeNewNames(vault: EndpointSaveVault, names: string[]): Promise<Map<string, NewNameProbe>> {
  const unique = [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
  const probes = await Promise.all(unique.map(async (name) => {
    const [live, deleted] = await Promise.all([orNull(vault.getSecretProperties(name)), orNull(vault.getDeletedSecret(name))]);
    return [name.toLowerCase(), { name, live, deleted }] as const;
  }));
  return new Map(probes);
}

async function probePicks(vault: EndpointSaveVault, names: string[]): Promise<Map<string, KeyVaultSecretSummary | null>> {
  const found = await Promise.all(names.map(async (n) => [n.toLowerCase(), await orNull(vault.getSecretProperties(n))] as const));
  return new Map(found);
}

/** The default SPC's name the last instance read of each adapter gave (the default rarely changes). */
const lastDefaultSpc = new WeakMap<object, string>();

/**
 * The instance and its default SPC (null: none named, or missing), in one round trip rather than two: the class the
 * previous read named is read alongside the instance, and serves only when the instance still names it; when it
 * names another, that one is read then. So every answer comes from this save's own reads.
 */
export function readDefaultSpc(kube: Pick<EndpointSaveKube, "instance" | "secretProviderClasses">):
  { instance: Promise<InstanceSettings>; spc: Promise<SecretProviderClass | null> } {
  const instance = kube.instance.get();
  const guess = lastDefaultSpc.get(kube.instance);
  const early = guess === undefined ? undefined : orNull(kube.secretProviderClasses.get(guess));
  // Not awaited when the instance names another class (or fails): its failure then concerns no one.
  early?.catch(() => undefined);
  const spc = instance.then((i) => {
    const name = i.defaultSecretProviderClass?.name;
    if (name === undefined) {
      lastDefaultSpc.delete(kube.instance);
      return null;
    }
    lastDefaultSpc.set(kube.instance, name);
    return name === guess && early ? early : orNull(kube.secretProviderClasses.get(name));
  });
  return { instance, spc };
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
