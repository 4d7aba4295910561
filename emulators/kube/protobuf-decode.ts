/**
 * Kubernetes' protobuf request bodies, decoded to the JSON the rest of the stand-in speaks. kubectl's typed commands
 * (`kubectl create secret|configmap|namespace|serviceaccount|token`) send `application/vnd.kubernetes.protobuf`
 * whatever discovery says, and client-go does not fall back on a 415; so the built-in kinds those commands create
 * are decoded here (answers stay JSON, which kubectl accepts). Message layouts are the field numbers of
 * k8s.io/api generated.proto, kept as data below.
 */
type Scalar = "string" | "bytes" | "int" | "bool";
type Field =
  | { name: string; type: Scalar; repeated?: boolean }
  | { name: string; type: "message"; message: Message; repeated?: boolean }
  | { name: string; type: "map"; value: "string" | "bytes" }
  | { name: string; type: "skip" };
type Message = Record<number, Field>;

const OWNER_REFERENCE: Message = {
  1: { name: "kind", type: "string" }, 3: { name: "name", type: "string" }, 4: { name: "uid", type: "string" },
  5: { name: "apiVersion", type: "string" }, 6: { name: "controller", type: "bool" }, 7: { name: "blockOwnerDeletion", type: "bool" },
};
const OBJECT_META: Message = {
  1: { name: "name", type: "string" }, 2: { name: "generateName", type: "string" }, 3: { name: "namespace", type: "string" },
  5: { name: "uid", type: "string" }, 6: { name: "resourceVersion", type: "string" }, 7: { name: "generation", type: "int" },
  8: { name: "creationTimestamp", type: "skip" }, 9: { name: "deletionTimestamp", type: "skip" },
  11: { name: "labels", type: "map", value: "string" }, 12: { name: "annotations", type: "map", value: "string" },
  13: { name: "ownerReferences", type: "message", message: OWNER_REFERENCE, repeated: true },
  14: { name: "finalizers", type: "string", repeated: true }, 17: { name: "managedFields", type: "skip" },
};
const meta: Field = { name: "metadata", type: "message", message: OBJECT_META };
const OBJECT_REFERENCE: Message = {
  1: { name: "kind", type: "string" }, 2: { name: "namespace", type: "string" }, 3: { name: "name", type: "string" },
  4: { name: "uid", type: "string" }, 5: { name: "apiVersion", type: "string" }, 6: { name: "resourceVersion", type: "string" },
  7: { name: "fieldPath", type: "string" },
};

/** Messages by `apiVersion/kind` of the envelope's TypeMeta. */
const KINDS: Record<string, Message> = {
  "v1/Secret": { 1: meta, 2: { name: "data", type: "map", value: "bytes" }, 3: { name: "type", type: "string" },
    4: { name: "stringData", type: "map", value: "string" }, 5: { name: "immutable", type: "bool" } },
  "v1/ConfigMap": { 1: meta, 2: { name: "data", type: "map", value: "string" }, 3: { name: "binaryData", type: "map", value: "bytes" },
    4: { name: "immutable", type: "bool" } },
  "v1/Namespace": { 1: meta, 2: { name: "spec", type: "message", message: { 1: { name: "finalizers", type: "string", repeated: true } } },
    3: { name: "status", type: "skip" } },
  "v1/ServiceAccount": { 1: meta, 2: { name: "secrets", type: "message", message: OBJECT_REFERENCE, repeated: true },
    3: { name: "imagePullSecrets", type: "message", message: { 1: { name: "name", type: "string" } }, repeated: true },
    4: { name: "automountServiceAccountToken", type: "bool" } },
  "authentication.k8s.io/v1/TokenRequest": { 1: meta, 2: { name: "spec", type: "message", message: {
    1: { name: "audiences", type: "string", repeated: true }, 4: { name: "expirationSeconds", type: "int" },
    3: { name: "boundObjectRef", type: "message", message: { 1: { name: "kind", type: "string" },
      2: { name: "apiVersion", type: "string" }, 3: { name: "name", type: "string" }, 4: { name: "uid", type: "string" } } },
  } }, 3: { name: "status", type: "skip" } },
};

const UNKNOWN: Message = {
  1: { name: "typeMeta", type: "message", message: { 1: { name: "apiVersion", type: "string" }, 2: { name: "kind", type: "string" } } },
  2: { name: "raw", type: "bytes" }, 3: { name: "contentEncoding", type: "string" }, 4: { name: "contentType", type: "string" },
};

export class ProtobufError extends Error {}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);            // "k8s\0"

/** Decodes a `k8s\0` + runtime.Unknown envelope into a JSON object with apiVersion and kind. */
export function decodeKubeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new ProtobufError("the body does not start with the k8s protobuf prefix");
  const envelope = decodeMessage(body.subarray(4), UNKNOWN);
  const typeMeta = (envelope.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const key = `${typeMeta.apiVersion ?? ""}/${typeMeta.kind ?? ""}`;
  const message = KINDS[key];
  if (!message) throw new ProtobufError(`protobuf bodies of ${key} are not supported by the stand-in; send JSON`);
  const raw = envelope.raw instanceof Uint8Array ? Buffer.from(envelope.raw) : Buffer.alloc(0);
  return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...decodeMessage(raw, message) };
}

function decodeMessage(buf: Buffer, message: Message): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (!r.done) {
    const tag = r.varint();
    const number = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    const field = message[number];
    if (!field || field.type === "skip") { r.skip(wire); continue; }
    if (field.type === "map") {
      const entry = new Reader(r.bytes());
      let k = "";
      let v: Buffer = Buffer.alloc(0);
      while (!entry.done) {
        const t = entry.varint();
        if (t === 10n) k = entry.bytes().toString("utf8"); else if (t === 18n) v = entry.bytes(); else entry.skip(Number(t & 7n));
      }
      const map = (out[field.name] ??= {}) as Record<string, string>;
      map[k] = field.value === "bytes" ? v.toString("base64") : v.toString("utf8");
      continue;
    }
    const value = field.type === "message" ? decodeMessage(r.bytes(), field.message)
      : field.type === "string" ? r.bytes().toString("utf8")
        : field.type === "bytes" ? r.bytes()
          : field.type === "int" ? Number(r.varint()) : r.varint() !== 0n;
    if (field.repeated) ((out[field.name] ??= []) as unknown[]).push(value);
    // Go writes every optional scalar, zero values included; JSON (omitempty) would not carry "" or 0.
    else if (value !== "" && value !== 0) out[field.name] = value;
  }
  return out;
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  get done(): boolean { return this.at >= this.buf.length; }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.at >= this.buf.length) throw new ProtobufError("truncated varint");
      const byte = this.buf[this.at++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw new ProtobufError("varint too long");
  }

  bytes(): Buffer {
    const length = Number(this.varint());
    if (this.at + length > this.buf.length) throw new ProtobufError("truncated field");
    const slice = this.buf.subarray(this.at, this.at + length);
    this.at += length;
    return slice;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.at += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.at += 4;
    else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
}
