import type { V1Secret } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { KubeConnection } from "@/server/adapters/kube/connection";
import { managedSelector, secretsAdapter, SYNC_CONTROLLER_LABEL, toSecretMetadata } from "@/server/adapters/kube/kinds/secret";

const VALUE = "s3ntinel-password";
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** A Secret as `kubectl apply` leaves it: the last-applied annotation repeats the whole `data`. */
function appliedSecret(name: string, labels: Record<string, string> = { [SYNC_CONTROLLER_LABEL]: "" }): V1Secret {
  const data = { password: b64(VALUE), username: b64("alice") };
  return {
    apiVersion: "v1", kind: "Secret", type: "Opaque", data, stringData: { token: VALUE },
    metadata: {
      name, namespace: "aio", uid: `uid-${name}`, resourceVersion: "7", creationTimestamp: new Date("2026-11-01T00:00:00Z"),
      labels,
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({ apiVersion: "v1", kind: "Secret", data }),
        note: VALUE,
      },
      ownerReferences: [{ apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", name, uid: "uid-sync" }],
      managedFields: [{ manager: "secrets-store-sync-controller", operation: "Apply" }],
    },
  };
}

function expectNoValue(shown: unknown): void {
  const text = JSON.stringify(shown);
  for (const v of [VALUE, b64(VALUE), b64("alice"), "last-applied-configuration"]) expect(text).not.toContain(v);
}

describe("toSecretMetadata", () => {
  it("keeps type, key names, owner and labels; no values, no annotations", () => {
    const secret = appliedSecret("kafka-sasl", { [SYNC_CONTROLLER_LABEL]: "", team: "line-1" });
    const shown = toSecretMetadata(secret, "aio");
    expect(shown).toEqual({
      name: "kafka-sasl", namespace: "aio", uid: "uid-kafka-sasl", resourceVersion: "7", generation: null,
      createdOn: "2026-11-01T00:00:00.000Z", labels: { [SYNC_CONTROLLER_LABEL]: "", team: "line-1" },
      type: "Opaque", keys: ["password", "token", "username"],
      owner: { apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", name: "kafka-sasl", uid: "uid-sync" },
    });
    expectNoValue(shown);
  });

  it("drops the values from the object read, so the client's response holds none either", () => {
    const secret = appliedSecret("a");
    toSecretMetadata(secret, "aio");
    expect(secret.data).toBeUndefined();
    expect(secret.stringData).toBeUndefined();
    expect(secret.metadata?.annotations).toBeUndefined();
    expectNoValue(secret);
  });

  it("answers a Secret without data or type as Opaque with no keys", () => {
    expect(toSecretMetadata({ metadata: { name: "empty" } }, "aio")).toMatchObject({ type: "Opaque", keys: [], owner: null });
  });
});

describe("secretsAdapter", () => {
  function fakeConnection(secrets: V1Secret[]) {
    const selectors: (string | undefined)[] = [];
    const conn = {
      cluster: "cluster 'test'",
      callOptions: () => ({}),
      core: {
        listNamespacedSecret: async (p: { labelSelector?: string }) => {
          selectors.push(p.labelSelector);
          return { items: secrets, metadata: {} };
        },
        readNamespacedSecret: async (p: { name: string }) => {
          const found = secrets.find((s) => s.metadata?.name === p.name);
          if (!found) throw Object.assign(new Error("not found"), { code: 404, body: "{}" });
          return found;
        },
      },
    } as unknown as KubeConnection;
    return { conn, selectors };
  }

  it("lists only the sync controller's Secrets: its label always, a caller's selector only narrows", async () => {
    const { conn, selectors } = fakeConnection([appliedSecret("a"), appliedSecret("b")]);
    const adapter = secretsAdapter(conn, "aio");
    const listed = await adapter.list();
    await adapter.list({ labelSelector: "team=line-1" });
    expect(selectors).toEqual([SYNC_CONTROLLER_LABEL, `${SYNC_CONTROLLER_LABEL},team=line-1`]);
    expect(listed.map((s) => s.name)).toEqual(["a", "b"]);
    expectNoValue(listed);
  });

  it("answers a Secret the sync controller does not manage as not found, without its values", async () => {
    const { conn } = fakeConnection([appliedSecret("managed"), appliedSecret("default-token", {})]);
    const adapter = secretsAdapter(conn, "aio");
    expectNoValue(await adapter.get("managed"));
    const err = await adapter.get("default-token").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404 });
    expectNoValue(err);
  });

  it("builds the selector without an empty requirement", () => {
    expect(managedSelector("  ")).toBe(SYNC_CONTROLLER_LABEL);
  });
});
