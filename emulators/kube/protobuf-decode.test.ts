import { describe, expect, it } from "vitest";
import { decodeKubeProtobuf, ProtobufError } from "./protobuf-decode";
import { startTestKube } from "./testing/kube-fixtures";

/** A minimal protobuf writer, enough to build what kubectl's typed clients send. */
const varint = (n: number) => { const out: number[] = []; do { out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)); n >>>= 7; } while (n > 0); return out; };
const field = (no: number, bytes: Buffer | string) => {
  const b = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return Buffer.from([...varint((no << 3) | 2), ...varint(b.length), ...b]);
};
const bool = (no: number, v: boolean) => Buffer.from([...varint(no << 3), v ? 1 : 0]);
const entry = (no: number, k: string, v: Buffer | string) => field(no, Buffer.concat([field(1, k), field(2, v)]));
const envelope = (apiVersion: string, kind: string, raw: Buffer) => Buffer.concat([Buffer.from("k8s\0", "binary"),
  field(1, Buffer.concat([field(1, apiVersion), field(2, kind)])), field(2, raw), field(3, ""), field(4, "")]);

const secretProto = envelope("v1", "Secret", Buffer.concat([
  field(1, Buffer.concat([field(1, "pb-secret"), field(2, ""), field(3, "pb"), entry(11, "app", "demo")])),
  entry(2, "bin", Buffer.from([0, 1, 2, 255])), field(3, "Opaque"), entry(4, "plain", "text"), bool(5, false),
]));

describe("k8s protobuf request bodies", () => {
  it("decodes a Secret as kubectl create secret sends it", () => {
    expect(decodeKubeProtobuf(secretProto)).toEqual({
      apiVersion: "v1", kind: "Secret", metadata: { name: "pb-secret", namespace: "pb", labels: { app: "demo" } },
      data: { bin: Buffer.from([0, 1, 2, 255]).toString("base64") }, type: "Opaque", stringData: { plain: "text" }, immutable: false,
    });
  });

  it("refuses kinds it has no layout for, and bodies without the k8s prefix", () => {
    expect(() => decodeKubeProtobuf(envelope("apps/v1", "Deployment", Buffer.alloc(0)))).toThrow(ProtobufError);
    expect(() => decodeKubeProtobuf(Buffer.from("{}"))).toThrow(ProtobufError);
    expect(() => decodeKubeProtobuf(Buffer.concat([Buffer.from("k8s\0", "binary"), Buffer.from([0x0a, 0x50])]))).toThrow(ProtobufError);
  });

  it("lets the server create a Secret from a protobuf body and answer JSON", async () => {
    const t = await startTestKube();
    try {
      await t.namespace("pb");
      const r = await t.call("POST", "/api/v1/namespaces/pb/secrets", { body: secretProto, headers: {
        "content-type": "application/vnd.kubernetes.protobuf", accept: "application/vnd.kubernetes.protobuf,application/json" } });
      expect(r.status).toBe(201);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.json.data).toEqual({ bin: "AAEC/w==", plain: Buffer.from("text").toString("base64") });
    } finally {
      await t.stop();
    }
  });
});
