import "server-only";
import { OBJECTS_LAST_USED_ANNOTATION } from "@/lib/schemas/portal-annotations";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SpcObject } from "@/lib/schemas/spc-object";

/**
 * The default SPC's objects across saves (docs/endpoint-secrets.md, "SPC objects are never removed under a save in
 * flight"). Pure: the SPC write runs it on the class as it is at each attempt; the review runs it on step 0's read.
 *
 * - An object this save maps is added when missing and marked used now, before its SecretSync maps it.
 * - An object some SecretSync on the class maps (before or after this save) is marked used now.
 * - An object with no recorded time gets "now" recorded (first seen), never removed on sight.
 * - An unmapped object whose last-used time is older than the grace period is removed; another save in flight
 *   would have marked it used when it added or mapped it.
 */
export interface ObjectsPlanInput {
  objects: readonly SpcObject[];
  lastUsed: Record<string, string>;
  mapped: ReadonlySet<string>;
  /** Object names this save maps (written with objectName = file name). */
  ensure: readonly string[];
  now: Date;
  graceSeconds: number;
}

export interface ObjectsPlan {
  /** Object names to add. */
  add: string[];
  /** File names to remove. */
  remove: string[];
  /** The `objects-last-used` annotation to write: object name → ISO time. */
  lastUsed: Record<string, string>;
  /** Whether writing changes anything worth a write (objects, new entries, or times gone stale). */
  worthWriting: boolean;
}

export function planObjects(i: ObjectsPlanInput): ObjectsPlan {
  const nowIso = i.now.toISOString();
  const graceMs = i.graceSeconds * 1000;
  const present = new Set(i.objects.map((o) => o.fileName));
  const ensured = new Set(i.ensure);
  const add = i.ensure.filter((name, at) => !present.has(name) && i.ensure.indexOf(name) === at);
  const remove: string[] = [];
  const lastUsed: Record<string, string> = {};
  let refreshedStale = false;

  for (const o of i.objects) {
    const recorded = Date.parse(i.lastUsed[o.objectName] ?? "");
    const inUse = i.mapped.has(o.fileName) || ensured.has(o.fileName);
    if (inUse) {
      // A fresh time is kept as it is, so saves that change nothing else do not rewrite the class each time.
      const fresh = !Number.isNaN(recorded) && i.now.getTime() - recorded < graceMs / 2 && !ensured.has(o.fileName);
      if (!fresh && !Number.isNaN(recorded)) refreshedStale = true;
      lastUsed[o.objectName] = fresh ? i.lastUsed[o.objectName]! : nowIso;
    } else if (Number.isNaN(recorded)) {
      lastUsed[o.objectName] = nowIso;
    } else if (i.now.getTime() - recorded > graceMs) {
      remove.push(o.fileName);
    } else {
      lastUsed[o.objectName] ??= i.lastUsed[o.objectName]!;
    }
  }
  // An object name shared by a removed and a kept object keeps its time.
  for (const o of i.objects) if (remove.includes(o.fileName) && !keptName(i.objects, remove, o.objectName)) delete lastUsed[o.objectName];
  for (const name of add) lastUsed[name] = nowIso;

  const before = Object.keys(i.lastUsed).sort().join("\n");
  const after = Object.keys(lastUsed).sort().join("\n");
  return { add, remove, lastUsed: sorted(lastUsed),
    worthWriting: add.length > 0 || remove.length > 0 || ensured.size > 0 || before !== after || refreshedStale };
}

function keptName(objects: readonly SpcObject[], removed: string[], objectName: string): boolean {
  return objects.some((o) => o.objectName === objectName && !removed.includes(o.fileName));
}

function sorted(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}

/** The annotation as written; unreadable JSON counts as no record (every object then gets "now"). */
export function readLastUsed(annotations: Record<string, string> | undefined): Record<string, string> {
  const text = annotations?.[OBJECTS_LAST_USED_ANNOTATION];
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

export const lastUsedAnnotation = (lastUsed: Record<string, string>) =>
  ({ [OBJECTS_LAST_USED_ANNOTATION]: JSON.stringify(lastUsed) });

/** The file names the SecretSyncs on one SPC map (a `sourcePath` may end in `/<n>` for a version of history). */
export function mappedFileNames(secretSyncs: readonly SecretSync[], spcName: string): Set<string> {
  return new Set(secretSyncs.filter((s) => s.secretProviderClassName === spcName)
    .flatMap((s) => s.data.map((m) => m.sourcePath.replace(/(\/\d+)+$/, ""))));
}

/** Settings the portal's own `{objectName, objectType: secret}` item has (defaults included). */
export function isPlainSecretObject(o: SpcObject): boolean {
  return o.objectType === "secret" && (o.objectAlias === null || o.objectAlias === "")
    && (o.objectVersion === null || o.objectVersion === "" || o.objectVersion === "latest")
    && (o.objectVersionHistory === null || o.objectVersionHistory <= 1)
    && (o.objectEncoding === null || o.objectEncoding === "utf-8")
    && (o.objectFormat === null || o.objectFormat === "pem");
}

/**
 * The file name a SecretSync maps for a Key Vault secret: a plain object already listed under that name (Key Vault
 * names are case-insensitive) is reused; else the name itself, for an object the save adds. An object listed
 * under that file name with other settings (an alias, a pinned version, an encoding) cannot serve: `conflict`.
 */
export function fileNameFor(objects: readonly SpcObject[], kvName: string): { fileName: string; conflict: SpcObject | null } {
  const same = objects.filter((o) => o.fileName.toLowerCase() === kvName.toLowerCase());
  const plain = same.find((o) => isPlainSecretObject(o) && o.objectName.toLowerCase() === kvName.toLowerCase());
  if (plain) return { fileName: plain.fileName, conflict: null };
  const exact = same.find((o) => o.fileName === kvName);
  return { fileName: kvName, conflict: exact ?? null };
}

/** The Key Vault secret a mapping's sourcePath reads: the object written as that file, else the path itself. */
export function vaultNameOf(objects: readonly SpcObject[], sourcePath: string): string {
  const file = sourcePath.replace(/(\/\d+)+$/, "");
  return objects.find((o) => o.fileName === file)?.objectName ?? file;
}

/** Every class step 0 read, by name: the default one and those other synced secrets read from. */
export function classesRead(defaultSpc: SecretProviderClass | null, others: ReadonlyMap<string, SecretProviderClass>):
  Map<string, SecretProviderClass> {
  const all = new Map(others);
  if (defaultSpc) all.set(defaultSpc.name, defaultSpc);
  return all;
}

/** The objects of the class a SecretSync reads from (none when not read: its paths then stand for themselves). */
export function objectsFor(s: Pick<SecretSync, "secretProviderClassName">,
  classes: ReadonlyMap<string, SecretProviderClass>): readonly SpcObject[] {
  return classes.get(s.secretProviderClassName)?.objects ?? [];
}
