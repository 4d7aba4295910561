import { KubeError } from "./status";

/**
 * Request bodies in Kubernetes' protobuf encoding, decoded to the JSON object the API would have received. kubectl's
 * typed commands (`create namespace|secret|configmap|serviceaccount|token`) send `application/vnd.kubernetes.protobuf`
 * whatever the server prefers, so a stand-in that only reads JSON answers them 415. The body is the magic `k8s\0`
 * then a runtime.Unknown `{typeMeta{apiVersion, kind}, raw}` whose `raw` is the object's message. Only the kinds
 * below are known (field numbers from k8s.io/api generated.proto); their unknown fields are skipped, like proto3.
 */
export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

type Field =
  | { name: string; type: "string" | "bool" | "int" | "bytes" }
  | { name: string; type: "message"; schema: Schema }
  | { name: string; type: "map"; value: "string" | "bytes" };
interface FieldSpec { field: Field; repeated?: boolean }
type Schema = Record<number, FieldSpec>;

const s = (name: string, repeated = false): FieldSpec => ({ field: { name, type: "string" }, repeated });
const b = (name: string): FieldSpec => ({ field: { name, type: "bool" } });
const i = (name: string): FieldSpec => ({ field: { name, type: "int" } });
const m = (name: string, schema: Schema, repeated = false): FieldSpec => ({ field: { name, type: "message", schema }, repeated });
const map = (name: string, value: "string" | "bytes" = "string"): FieldSpec => ({ field: { name, type: "map", value } });

const OWNER_REFERENCE: Schema = { 1: s("kind"), 3: s("name"), 4: s("uid"), 5: s("apiVersion"), 6: b("controller"),
  7: b("blockOwnerDeletion") };
const OBJECT_META: Schema = { 1: s("name"), 2: s("generateName"), 3: s("namespace"), 5: s("uid"), 6: s("resourceVersion"),
  7: i("generation"), 11: map("labels"), 12: map("annotations"), 13: m("ownerReferences", OWNER_REFERENCE, true),
  14: s("finalizers", true) };
const OBJECT_REFERENCE: Schema = { 1: s("kind"), 2: s("namespace"), 3: s("name"), 4: s("uid"), 5: s("apiVersion"),
  6: s("resourceVersion"), 7: s("fieldPath") };
const meta = m("metadata", OBJECT_META);

const KINDS: Record<string, Schema> = {
  "v1/Namespace": { 1: meta, 2: m("spec", { 1: s("finalizers", true) }) },
  "v1/Secret": { 1: meta, 2: map("data", "bytes"), 3: s("type"), 4: map("stringData"), 5: b("immutable") },
  "v1/ConfigMap": { 1: meta, 2: map("data"), 3: map("binaryData", "bytes"), 4: b("immutable") },
  "v1/ServiceAccount": { 1: meta, 2: m("secrets", OBJECT_REFERENCE, true), 3: m("imagePullSecrets", { 1: s("name") }, true),
    4: b("automountServiceAccountToken") },
  "authentication.k8s.io/v1/TokenRequest": { 1: meta, 2: m("spec", { 1: s("audiences", true), 4: i("expirationSeconds"),
    3: m("boundObjectRef", { 1: s("kind"), 2: s("apiVersion"), 3: s("name"), 4: s("uid") }) }) },
};

const ENVELOPE: Schema = { 1: m("typeMeta", { 1: s("apiVersion"), 2: s("kind") }), 2: { field: { name: "raw", type: "bytes" } } };

export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}

/** The JSON form of a protobuf request body; 415 for a kind this stand-in cannot decode, 400 for a broken body. */
export function decodeKubeProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || body[0] !== 0x6b || body[1] !== 0x38 || body[2] !== 0x73 || body[3] !== 0) {
    throw new KubeError(400, "BadRequest", "the protobuf body does not start with the k8s envelope");
  }
  const envelope = decode(body.subarray(4), ENVELOPE) as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array };
  const { apiVersion = "", kind = "" } = envelope.typeMeta ?? {};
  const schema = KINDS[`${apiVersion}/${kind}`];
  if (!schema) {
    throw new KubeError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media ` +
      `types include: application/json (protobuf only for core Namespace, Secret, ConfigMap, ServiceAccount, TokenRequest)`);
  }
  return { apiVersion, kind, ...decode(envelope.raw ?? new Uint8Array(), schema) };
}

function decode(buf: Uint8Array, schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (!r.done) {
    const tag = r.varint();
    const wire = Number(tag & 7n);
    const spec = schema[Number(tag >> 3n)];
    if (!spec) { r.skip(wire); continue; }
    const { field } = spec;
    let value: unknown;
    if (field.type === "int" || field.type === "bool") {
      const n = r.varint();
      value = field.type === "bool" ? n !== 0n : Number(BigInt.asIntN(64, n));
    } else {
      const bytes = r.bytes();
      if (field.type === "string") value = utf8(bytes);
      else if (field.type === "bytes") value = field.name === "raw" ? bytes : Buffer.from(bytes).toString("base64");
      else if (field.type === "message") value = decode(bytes, field.schema);
      else {
        const valueType = (field as Extract<Field, { type: "map" }>).value;
        const entry = decode(bytes, { 1: s("k"), 2: { field: { name: "v", type: valueType } } });
        const entries = (out[field.name] ?? {}) as Record<string, unknown>;
        entries[String(entry.k ?? "")] = entry.v ?? "";
        out[field.name] = entries;
        continue;
      }
    }
    if (spec.repeated) out[field.name] = [...((out[field.name] as unknown[] | undefined) ?? []), value];
    else out[field.name] = value;
  }
  return out;
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new KubeError(400, "BadRequest", "the protobuf body holds a string that is not UTF-8");
  }
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  get done(): boolean { return this.pos >= this.buf.length; }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw truncated();
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw truncated();
  }

  bytes(): Uint8Array {
    const length = Number(this.varint());
    if (this.pos + length > this.buf.length) throw truncated();
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 2) this.bytes();
    else if (wire === 1 || wire === 5) this.pos += wire === 1 ? 8 : 4;
    else throw new KubeError(400, "BadRequest", `the protobuf body uses an unsupported wire type ${wire}`);
    if (this.pos > this.buf.length) throw truncated();
  }
}

function truncated(): KubeError {
  return new KubeError(400, "BadRequest", "the protobuf body is truncated");
}
