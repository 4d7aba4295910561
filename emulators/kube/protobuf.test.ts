import { describe, expect, it } from "vitest";
import { decodeKubeProtobuf, isProtobuf } from "./protobuf";

/** A minimal protobuf writer for test bodies: fields as [number, value] with strings, bools, ints, messages. */
type Value = string | boolean | number | Uint8Array | Message;
type Message = [number, Value][];
function encode(message: Message): Uint8Array {
  const out: number[] = [];
  const varint = (n: number) => { let v = n; while (v >= 0x80) { out.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); } out.push(v); };
  for (const [field, value] of message) {
    if (typeof value === "boolean" || typeof value === "number") { varint(field << 3); varint(Number(value)); continue; }
    const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value instanceof Uint8Array ? value : encode(value);
    varint((field << 3) | 2); varint(bytes.length); out.push(...bytes);
  }
  return Uint8Array.from(out);
}
const envelope = (apiVersion: string, kind: string, raw: Message) =>
  Uint8Array.from([0x6b, 0x38, 0x73, 0, ...encode([[1, [[1, apiVersion], [2, kind]]], [2, encode(raw)], [4, "application/vnd.kubernetes.protobuf"]])]);
const metadata = (name: string): [number, Value] => [1, [[1, name], [11, [[1, "app"], [2, "demo"]]], [99, "ignored"]]];

describe("protobuf request bodies (kubectl's typed commands)", () => {
  it("decodes a TokenRequest as kubectl create token sends it", () => {
    const body = envelope("authentication.k8s.io/v1", "TokenRequest",
      [metadata(""), [2, [[1, "api://AzureADTokenExchange"], [1, "second"], [4, 900]]]]);
    expect(decodeKubeProtobuf(body)).toEqual({
      apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest",
      metadata: { name: "", labels: { app: "demo" } },
      spec: { audiences: ["api://AzureADTokenExchange", "second"], expirationSeconds: 900 },
    });
  });

  it("decodes a Secret's bytes map as base64 and its stringData as text", () => {
    const body = envelope("v1", "Secret", [metadata("s1"), [2, [[1, "password"], [2, new TextEncoder().encode("hunter2")]]],
      [3, "Opaque"], [4, [[1, "user"], [2, "alice"]]], [5, true]]);
    expect(decodeKubeProtobuf(body)).toEqual({
      apiVersion: "v1", kind: "Secret", metadata: { name: "s1", labels: { app: "demo" } },
      data: { password: Buffer.from("hunter2").toString("base64") }, type: "Opaque", stringData: { user: "alice" }, immutable: true,
    });
  });

  it("refuses kinds it cannot decode (415) and broken bodies (400)", () => {
    expect(() => decodeKubeProtobuf(envelope("apps/v1", "Deployment", [metadata("d")]))).toThrow(expect.objectContaining({ status: 415 }));
    expect(() => decodeKubeProtobuf(Uint8Array.from([1, 2, 3, 4]))).toThrow(expect.objectContaining({ status: 400 }));
    const cut = envelope("v1", "ConfigMap", [metadata("c")]);
    expect(() => decodeKubeProtobuf(cut.subarray(0, cut.length - 3))).toThrow(expect.objectContaining({ status: 400 }));
    expect(isProtobuf("application/vnd.kubernetes.protobuf")).toBe(true);
    expect(isProtobuf("application/json")).toBe(false);
  });
});
