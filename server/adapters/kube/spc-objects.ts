import "server-only";
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, stringify, YAMLSeq } from "yaml";
import type { NewSpcObject, SpcObject } from "@/lib/schemas/spc-object";

/**
 * The `objects` parameter of an Azure SecretProviderClass: a YAML document `array: [<string>, …]` whose every item
 * is itself a YAML document describing one Key Vault object (domain.md §1.3). The Azure CLI writes it with
 * `yaml.safe_dump(indent=6)` and then rewrites `"\n- |"` to `"\n    - |"`; hand-written classes use any indentation.
 *
 * Edits are lossless: untouched items keep their exact string (every field, unknown ones and their order
 * included), and the outer document keeps its other keys and comments. Only the outer indentation is normalised
 * (two spaces, sequence indented under `array:`, as in the provider's documentation).
 */

/** `objects` is not what the provider can read; the caller names the SecretProviderClass. */
export class SpcObjectsFormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "SpcObjectsFormatError";
  }
}

/** An add that would give two objects the same file name with different settings. */
export class SpcObjectConflictError extends Error {
  constructor(readonly fileName: string, readonly existing: SpcObject) {
    super(`an object written as '${fileName}' (objectName '${existing.objectName}') is already listed with other settings`);
    this.name = "SpcObjectConflictError";
  }
}

const KNOWN = ["objectName", "objectType", "objectAlias", "objectVersion", "objectVersionHistory", "objectEncoding",
  "objectFormat", "filePermission"] as const;
const OUTPUT = { indent: 2, indentSeq: true, lineWidth: 0 } as const;

interface Item {
  node: Scalar;
  object: SpcObject;
}

export interface SpcObjectList {
  readonly objects: readonly SpcObject[];
  /** Adds one object; `false` when an identical one is already listed (idempotent). Throws SpcObjectConflictError. */
  add(object: NewSpcObject): boolean;
  /** Removes every object written as `fileName`; `false` when there was none. */
  remove(fileName: string): boolean;
  /** The `objects` text to write back (`""` when no object and nothing else is left, as the CLI writes it). */
  toString(): string;
}

/** Parses `objects` (missing or blank = no objects). Throws {@link SpcObjectsFormatError}. */
export function parseSpcObjects(text: string | undefined | null): SpcObjectList {
  const blank = text === undefined || text === null || text.trim() === "";
  const doc = blank ? new Document({ array: [] }) : parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new SpcObjectsFormatError(`not valid YAML (${firstLine(doc.errors[0]!.message)})`);
  if (!isMap(doc.contents)) throw new SpcObjectsFormatError("not a YAML mapping with an `array` key");
  const arrayNode = doc.get("array", true);
  let seq: YAMLSeq | undefined;
  if (isSeq(arrayNode)) seq = arrayNode;
  else if (!(arrayNode === undefined || (isScalar(arrayNode) && arrayNode.value === null))) {
    throw new SpcObjectsFormatError("`array` is not a list");
  }
  const items: Item[] = (seq?.items ?? []).map((node, i) => ({ node: node as Scalar, object: readItem(node, i + 1) }));

  function ensureSeq(): YAMLSeq {
    if (!seq) {
      seq = doc.createNode([]) as YAMLSeq;
      doc.set("array", seq);
    }
    seq.flow = false;          // `array: []` grows into block form
    return seq;
  }

  return {
    get objects() {
      return items.map((i) => i.object);
    },
    add(o) {
      const wanted = toSpcObject(o);
      const same = items.find((i) => i.object.fileName === wanted.fileName);
      if (same) {
        if (sameSettings(same.object, wanted)) return false;
        throw new SpcObjectConflictError(wanted.fileName, same.object);
      }
      const node = doc.createNode(itemText(o)) as Scalar;
      node.type = Scalar.BLOCK_LITERAL;
      ensureSeq().items.push(node);
      items.push({ node, object: wanted });
      return true;
    },
    remove(fileName) {
      const gone = items.filter((i) => i.object.fileName === fileName);
      if (gone.length === 0) return false;
      for (const g of gone) {
        items.splice(items.indexOf(g), 1);
        seq!.items.splice(seq!.items.indexOf(g.node), 1);
      }
      return true;
    },
    toString() {
      // As the CLI: a class whose last object went has an empty `objects`, not `array: []`.
      const others = isMap(doc.contents) ? doc.contents.items.length - 1 : 0;
      if (items.length === 0 && others === 0) return "";
      return doc.toString(OUTPUT);
    },
  };
}

/**
 * Items read before, by their text. A class is read and written on every save and delete, and nearly all its items
 * are the same each time; each item is a YAML document of its own, and parsing them one by one was most of the CPU
 * time of a save, between its reads and its writes. Only items that read well are kept; bounded, oldest out first.
 */
const itemsRead = new Map<string, SpcObject>();
const ITEMS_KEPT = 5_000;

function readItem(node: unknown, position: number): SpcObject {
  if (!isScalar(node) || typeof node.value !== "string") {
    throw new SpcObjectsFormatError(`item ${position} of \`array\` is not a string (the provider reads each item as a YAML string)`);
  }
  const known = itemsRead.get(node.value);
  if (known) return { ...known };
  const object = parseItem(node.value, position);
  if (itemsRead.size >= ITEMS_KEPT) itemsRead.delete(itemsRead.keys().next().value!);
  itemsRead.set(node.value, object);
  return { ...object };
}

function parseItem(source: string, position: number): SpcObject {
  const inner = parseDocument(source, { uniqueKeys: true });
  if (inner.errors.length > 0) {
    throw new SpcObjectsFormatError(`item ${position} is not valid YAML (${firstLine(inner.errors[0]!.message)})`);
  }
  if (!isMap(inner.contents)) throw new SpcObjectsFormatError(`item ${position} is not a YAML mapping`);
  const fields: Partial<Record<(typeof KNOWN)[number], string | number | null>> = {};
  for (const key of KNOWN) {
    const v = inner.get(key, true);
    if (v === undefined) continue;
    if (!isScalar(v) || (v.value !== null && typeof v.value === "object")) {
      throw new SpcObjectsFormatError(`item ${position}: ${key} is not a single value`);
    }
    fields[key] = v.value === null ? null : typeof v.value === "number" ? v.value : String(v.value);
  }
  const name = fields.objectName;
  if (typeof name !== "string" || name.trim() === "") {
    throw new SpcObjectsFormatError(`item ${position} has no objectName`);
  }
  const history = fields.objectVersionHistory;
  const historyNumber = history === null || history === undefined ? null : Number(history);
  if (historyNumber !== null && !Number.isInteger(historyNumber)) {
    throw new SpcObjectsFormatError(`item ${position}: objectVersionHistory is not a whole number`);
  }
  const text = (k: (typeof KNOWN)[number]) => (fields[k] === undefined || fields[k] === null ? null : String(fields[k]));
  const alias = text("objectAlias");
  return {
    objectName: name,
    objectType: text("objectType"),
    objectAlias: alias,
    objectVersion: text("objectVersion"),
    objectVersionHistory: historyNumber,
    objectEncoding: text("objectEncoding"),
    objectFormat: text("objectFormat"),
    filePermission: text("filePermission"),
    // The provider writes to objectAlias when it is set (non-empty), else to objectName.
    fileName: alias && alias.trim() !== "" ? alias : name,
  };
}

function toSpcObject(o: NewSpcObject): SpcObject {
  return {
    objectName: o.objectName,
    objectType: o.objectType,
    objectAlias: o.objectAlias ?? null,
    objectVersion: o.objectVersion ?? null,
    objectVersionHistory: o.objectVersionHistory ?? null,
    objectEncoding: o.objectEncoding ?? null,
    objectFormat: o.objectFormat ?? null,
    filePermission: o.filePermission ?? null,
    fileName: o.objectAlias ?? o.objectName,
  };
}

/** Same object for the provider: `""` and `latest` both mean the current version, absent type is no type. */
function sameSettings(a: SpcObject, b: SpcObject): boolean {
  const version = (v: string | null) => (v === null || v === "" || v === "latest" ? "" : v);
  return KNOWN.every((k) => (k === "objectVersion" ? version(a[k]) === version(b[k]) : a[k] === b[k]));
}

/** One item as the CLI writes it: the known fields in the provider's order, absent ones left out. */
function itemText(o: NewSpcObject): string {
  const fields = Object.fromEntries(KNOWN.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  return stringify(fields, { lineWidth: 0 });
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}
