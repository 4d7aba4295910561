import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FederatedCredential } from "../identity/state";
import { defaultSecretProviderClassName } from "../kube/seed";
import { SECRET_SYNC_IDENTITY } from "../seed-demo";
import { b64, MERGE, NS, SPC, spcObjects, SS, startSyncStack, waitFor, type SyncStack, type Wire } from "./testing/sync-stack";

/**
 * The sync controller as an operator meets it: Key Vault secrets reach Kubernetes Secrets through SecretSyncs,
 * failures show up as conditions, and the workload identity chain (service-account token → federated credential →
 * vault token → RBAC) fails where Azure's would. One stack; the poll interval (4 s) is longer than the 2 s the
 * event-driven paths must take, so a pass here is not the poll doing the work.
 */
const POLL_MS = 4_000;
let t: SyncStack;
let clientId: string;

const secretSync = (name: string, data: [string, string][], o: {
  type?: string; spc?: string; labels?: Record<string, string>; annotations?: Record<string, string>;
} = {}) => ({
  apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", metadata: { name },
  spec: { secretProviderClassName: o.spc ?? "spc-test", serviceAccountName: "aio-ssc-sa",
    secretObject: { type: o.type ?? "Opaque", data: data.map(([sourcePath, targetKey]) => ({ sourcePath, targetKey })),
      ...(o.labels ? { labels: o.labels } : {}), ...(o.annotations ? { annotations: o.annotations } : {}) } },
});
const getSs = async (name: string): Promise<Wire> => t.custom.getNamespacedCustomObject({ ...SS, name });
const condition = async (name: string, type: string): Promise<Wire> =>
  ((await getSs(name)).status?.conditions ?? []).find((c: Wire) => c.type === type);
const secretValue = async (name: string, key: string) => {
  const s = await t.core.readNamespacedSecret({ namespace: NS, name }).catch(() => undefined);
  const v = s?.data?.[key];
  return v === undefined ? undefined : Buffer.from(v, "base64").toString("utf8");
};
const force = (name: string, value: string) =>
  t.custom.patchNamespacedCustomObject({ ...SS, name, body: { spec: { forceSynchronization: value } } }, MERGE);
const failedWith = (name: string, type: string, reason: string) => waitFor(`${name} ${type} ${reason}`, async () => {
  const c = await condition(name, type);
  return c?.reason === reason ? c : undefined;
});

beforeAll(async () => {
  t = await startSyncStack({ syncIntervalMs: POLL_MS });
  const seeded: Wire = await t.custom.getNamespacedCustomObject({ ...SPC, name: defaultSecretProviderClassName() });
  clientId = seeded.spec.parameters.clientID;
  await t.custom.createNamespacedCustomObject({ ...SPC, body: {
    apiVersion: "secrets-store.csi.x-k8s.io/v1", kind: "SecretProviderClass", metadata: { name: "spc-test" },
    spec: { provider: "azure", parameters: { clientID: clientId, keyvaultName: t.stack.endpoints.keyVaultName,
      tenantId: t.stack.endpoints.tenantId, objects: spcObjects([
        { objectName: "t1-user", objectType: "secret" },
        { objectName: "no-such-secret", objectType: "secret" },
        { objectName: "legacy-historian-password", objectType: "secret" },
        { objectName: "t-expired", objectType: "secret" },
        { objectName: "t-encoded", objectType: "secret", objectAlias: "greeting", objectEncoding: "base64" },
        { objectName: "t-pem", objectType: "secret" },
        { objectName: "t-cert", objectType: "cert" },
      ]) } },
  } });
});
afterAll(async () => { await t?.stop(); });

describe("sync controller", () => {
  it("syncs a new Key Vault secret into the SecretSync's Secret within 2 s, owned by it and marked as the controller's", async () => {
    await t.vault.set("t1-user", "alice");
    const started = Date.now();
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t1", [["t1-user", "username"]],
      { labels: { team: "line-1" }, annotations: { note: "demo" } }) });
    await waitFor("Secret t1", async () => ((await secretValue("t1", "username")) === "alice" ? true : undefined), 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);

    const ss = await getSs("t1");
    const secret = await t.core.readNamespacedSecret({ namespace: NS, name: "t1" });
    expect(secret.type).toBe("Opaque");
    expect(secret.metadata?.labels).toEqual({ team: "line-1", "secrets-store.sync.x-k8s.io": "" });
    expect(secret.metadata?.annotations).toEqual({ note: "demo", "secrets-store.sync.x-k8s.io": "" });
    expect(secret.metadata?.ownerReferences).toEqual([{ apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync",
      name: "t1", uid: ss.metadata.uid }]);
    // Written by server-side apply under the controller's field manager.
    expect(secret.metadata?.managedFields?.filter((m) => m.manager === "v1-secrets-store-sync-controller")
      .map((m) => m.operation)).toEqual(["Apply"]);
    await waitFor("status of t1", async () => ((await getSs("t1")).status?.syncHash ? true : undefined), 1_000);
    const { status } = await getSs("t1");
    expect(status.lastSuccessfulSyncTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(status.conditions).toEqual([expect.objectContaining({ type: "Create", status: "True", reason: "CreateSucceeded",
      message: "Secret created successfully.", observedGeneration: 1 })]);
  });

  it("re-fetches on forceSynchronization: the new value lands and the reason says a value change or force update", async () => {
    const before = (await getSs("t1")).status;
    await t.vault.set("t1-user", "bob");
    await force("t1", "rotate-1");
    await waitFor("bob in Secret t1", async () => ((await secretValue("t1", "username")) === "bob" ? true : undefined), 2_000);
    const update = await failedWith("t1", "Update", "UpdateValueChangeOrForceUpdateSucceeded");
    expect(update).toMatchObject({ status: "True", observedGeneration: 2 });
    const after = (await getSs("t1")).status;
    expect(after.syncHash).not.toBe(before.syncHash);
    expect(after.conditions.find((c: Wire) => c.type === "Create")).toEqual(before.conditions[0]);
  });

  it("a missing Key Vault secret is a ProviderError naming SecretNotFound, with a Warning event; no Secret is written", async () => {
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-missing", [["no-such-secret", "password"]]) });
    const c = await failedWith("t-missing", "Create", "ProviderError");
    expect(c.status).toBe("False");
    expect(c.message).toMatch(/no-such-secret.*404 SecretNotFound/);
    expect(await t.core.readNamespacedSecret({ namespace: NS, name: "t-missing" }).catch((e: Wire) => e.code)).toBe(404);
    const events = await t.core.listNamespacedEvent({ namespace: NS, fieldSelector: "involvedObject.name=t-missing" });
    expect(events.items.map((e) => [e.type, e.reason])).toContainEqual(["Warning", "ProviderError"]);
  });

  it("a disabled or expired secret fails with Key Vault's code; a cert object with a clear ProviderError", async () => {
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-disabled", [["legacy-historian-password", "password"]]) });
    expect((await failedWith("t-disabled", "Create", "ProviderError")).message).toMatch(/403 Forbidden \(SecretDisabled\)/);
    await t.vault.set("t-expired", "old", { exp: Math.floor(Date.now() / 1000) - 60 });
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-expired", [["t-expired", "password"]]) });
    expect((await failedWith("t-expired", "Create", "ProviderError")).message).toMatch(/403 Forbidden \(SecretExpired\)/);
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-cert", [["t-cert", "cert"]]) });
    expect((await failedWith("t-cert", "Create", "ProviderError")).message).toMatch(/objectType cert .*secrets only/);
  });

  it("a sourcePath the SPC does not list is UserInputValidationFailed; a missing SPC is ControllerSPCError", async () => {
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-badpath", [["not-in-spc", "x"]]) });
    expect((await failedWith("t-badpath", "Create", "UserInputValidationFailed")).message).toMatch(/sourcePath "not-in-spc"/);
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-nospc", [["t1-user", "x"]], { spc: "spc-gone" }) });
    expect((await failedWith("t-nospc", "Create", "ControllerSPCError")).message).toMatch(/spc-gone.*not found/);
  });

  it("a Secret the API server refuses to update (another type already there) is UnknownError with its message", async () => {
    await t.core.createNamespacedSecret({ namespace: NS, body: { metadata: { name: "t-typed" }, type: "kubernetes.io/basic-auth",
      stringData: { username: "u", password: "p" } } });
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-typed", [["t1-user", "username"]]) });
    const c = await failedWith("t-typed", "Create", "UnknownError");
    expect(c).toMatchObject({ status: "Unknown", message: expect.stringMatching(/failed to patch secret "t-typed": 4\d\d /) });
  });

  it("takes over fields it wrote by create/update before the cluster served apply; a foreign owner's field is a conflict", async () => {
    const earlier = (name: string, fieldManager: string) => t.core.createNamespacedSecret({ namespace: NS, fieldManager,
      body: { metadata: { name }, type: "Opaque", data: { username: b64("stale") } } });
    await earlier("t-own", "v1-secrets-store-sync-controller");
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-own", [["t1-user", "username"]]) });
    const current = (await t.vault.get("t1-user")).value;
    await waitFor("t-own taken over", async () => ((await secretValue("t-own", "username")) === current ? true : undefined));

    await earlier("t-foreign", "kubectl-create");
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-foreign", [["t1-user", "username"]]) });
    expect((await failedWith("t-foreign", "Create", "UnknownError")).message).toMatch(/409 Conflict: .*kubectl-create.*\.data\.username/);
    expect(await secretValue("t-foreign", "username")).toBe("stale");
  });

  it("decodes objectEncoding base64 under its objectAlias; a kubernetes.io/tls Secret gets only the PEM parts it asks for", async () => {
    await t.vault.set("t-encoded", b64("hello, line 1"));
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-encoded", [["greeting", "greeting.txt"]]) });
    await waitFor("decoded value", async () => ((await secretValue("t-encoded", "greeting.txt")) === "hello, line 1" ? true : undefined));

    const dir = join(t.dataDir, "local-stack");
    const [cert, key] = await Promise.all([readFile(join(dir, "server.pem"), "utf8"), readFile(join(dir, "server-key.pem"), "utf8")]);
    await t.vault.set("t-pem", `${key}\n${cert}`);
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-tls", [["t-pem", "tls.crt"], ["t-pem", "tls.key"]],
      { type: "kubernetes.io/tls" }) });
    const crt = await waitFor("tls.crt", () => secretValue("t-tls", "tls.crt"));
    expect(crt).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(crt).not.toContain("PRIVATE KEY");
    // tls.key is exactly the key block of the vault value (the key was generated at this stack's first start).
    expect((await secretValue("t-tls", "tls.key"))?.trim()).toBe(key.trim());
    expect((await t.core.readNamespacedSecret({ namespace: NS, name: "t-tls" })).type).toBe("kubernetes.io/tls");

    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-tls-bad", [["t-pem", "ca.crt"]], { type: "kubernetes.io/tls" }) });
    expect((await failedWith("t-tls-bad", "Create", "UserInputValidationFailed")).message).toMatch(/tls\.crt or tls\.key/);
  });

  it("a revoked role assignment fails the sync naming Forbidden; granting it back recovers", async () => {
    const mi = t.identity.current().managedIdentities.find((m) => m.name === SECRET_SYNC_IDENTITY)!;
    expect(mi.clientId).toBe(clientId);
    await t.identity.revoke(mi.objectId, "Key Vault Secrets User");
    try {
      await force("t1", "rotate-2");
      const c = await failedWith("t1", "Update", "ProviderError");
      expect(c).toMatchObject({ status: "False", observedGeneration: 3 });
      expect(c.message).toMatch(/403 Forbidden \(ForbiddenByRbac\)/);
      expect(await secretValue("t1", "username")).toBe("bob");      // the last good value stays
    } finally {
      await t.identity.grant(mi.objectId, "Key Vault Secrets User");
    }
    await force("t1", "rotate-3");
    expect((await failedWith("t1", "Update", "UpdateValueChangeOrForceUpdateSucceeded")).status).toBe("True");
  });

  it("a removed federated credential fails the sync naming the token exchange and the AADSTS code", async () => {
    const mi = t.identity.current().managedIdentities.find((m) => m.name === SECRET_SYNC_IDENTITY)!;
    const removed: FederatedCredential[] = await t.identity.unfederate(mi.clientId, { subject: "system:serviceaccount:azure-iot-operations:aio-ssc-sa" });
    expect(removed).toHaveLength(1);
    try {
      await force("t1", "rotate-4");
      const c = await failedWith("t1", "Update", "ProviderError");
      expect(c.message).toMatch(/token exchange .* refused: invalid_client: AADSTS700211/);
    } finally {
      for (const cred of removed) await t.identity.federate(cred);
    }
    await force("t1", "rotate-5");
    expect((await failedWith("t1", "Update", "UpdateValueChangeOrForceUpdateSucceeded")).status).toBe("True");
  });
});
