import { parse } from "yaml";

/** One Key Vault object listed in a SecretProviderClass's `objects` parameter (domain.md §1.3). */
export interface SpcObject {
  objectName: string;
  objectType: string;                    // secret | key | cert (anything else is refused by the provider)
  objectAlias?: string;
  objectVersion?: string;                // "" or "latest" = the current version
  objectEncoding?: string;               // utf-8 (default) | base64 | hex
  objectVersionHistory?: number;
}

export class SpcObjectsError extends Error {}

/**
 * Parses the azure provider's `objects`: a YAML document `array:` whose items are YAML strings, each one object
 * (both indentations the CLI writes are plain YAML). Throws SpcObjectsError naming what is wrong.
 */
export function parseSpcObjects(objects: string | undefined): SpcObject[] {
  if (objects === undefined || objects.trim() === "") return [];
  // Every reconcile of every SecretSync reads its class's `objects`; the text rarely changes, the YAML parse is costly.
  const known = parsed.get(objects);
  if (known) return known.map((o) => ({ ...o }));
  const result = parseUncached(objects);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(objects, result);
  return result.map((o) => ({ ...o }));
}

const PARSED_MAX = 64;
const parsed = new Map<string, SpcObject[]>();

function parseUncached(objects: string): SpcObject[] {
  let doc: unknown;
  try {
    doc = parse(objects);
  } catch (err) {
    throw new SpcObjectsError(`objects is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const array = (doc as { array?: unknown } | null)?.array;
  if (array === undefined || array === null) return [];
  if (!Array.isArray(array)) throw new SpcObjectsError("objects: `array` must be a list");
  return array.map((item, i) => {
    let o: unknown = item;
    if (typeof item === "string") {
      try {
        o = parse(item);
      } catch (err) {
        throw new SpcObjectsError(`objects.array[${i}] is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
      }
    }
    if (!o || typeof o !== "object" || Array.isArray(o)) throw new SpcObjectsError(`objects.array[${i}] is not a mapping`);
    const r = o as Record<string, unknown>;
    const name = stringField(r.objectName);
    if (!name) throw new SpcObjectsError(`objects.array[${i}]: objectName is required`);
    return {
      objectName: name,
      objectType: stringField(r.objectType) ?? "",
      objectAlias: stringField(r.objectAlias) || undefined,
      objectVersion: stringField(r.objectVersion),
      objectEncoding: stringField(r.objectEncoding) || undefined,
      objectVersionHistory: typeof r.objectVersionHistory === "number" ? r.objectVersionHistory : undefined,
    };
  });
}

/** The file name the provider writes for an object, which a SecretSync's `sourcePath` names. */
export function fileNameOf(o: SpcObject): string {
  return o.objectAlias ?? o.objectName;
}

function stringField(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return String(v).trim();
}
