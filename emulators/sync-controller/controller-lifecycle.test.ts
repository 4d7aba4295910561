import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpsClient } from "./https-json";
import { NS, SPC, spcObjects, SS, startSyncStack, waitFor, type SyncStack, type Wire } from "./testing/sync-stack";

/**
 * What the controller does over time: restarts converge, an SPC edit waits for the poll, a deleted SecretSync takes
 * its Secret along (garbage collection) but never the Key Vault secret.
 */
let t: SyncStack;
let spcParams: Record<string, string>;

const secretSync = (name: string, spc: string, data: [string, string][]) => ({
  apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", metadata: { name },
  spec: { secretProviderClassName: spc, serviceAccountName: "aio-ssc-sa",
    secretObject: { type: "Opaque", data: data.map(([sourcePath, targetKey]) => ({ sourcePath, targetKey })) } },
});
const createSpc = (name: string, objects: Record<string, string>[]) => t.custom.createNamespacedCustomObject({ ...SPC, body: {
  apiVersion: "secrets-store.csi.x-k8s.io/v1", kind: "SecretProviderClass", metadata: { name },
  spec: { provider: "azure", parameters: { ...spcParams, objects: spcObjects(objects) } },
} });
const getSs = async (name: string): Promise<Wire> => t.custom.getNamespacedCustomObject({ ...SS, name });
const secretValue = async (name: string, key: string) => {
  const s = await t.core.readNamespacedSecret({ namespace: NS, name }).catch(() => undefined);
  const v = s?.data?.[key];
  return v === undefined ? undefined : Buffer.from(v, "base64").toString("utf8");
};
const synced = async (name: string) => (await getSs(name)).status?.conditions?.some((c: Wire) =>
  c.type === "Create" && c.status === "True") === true;

/** The vault's latency hook (every call waits): makes a burst of syncs slow enough to stop the controller inside it. */
async function vaultLatency(ms: number): Promise<void> {
  const e = t.stack.endpoints;
  const http = new HttpsClient(await readFile(e.caFile, "utf8"));
  try {
    const token = await http.send({ method: "POST", url: e.tokenEndpoint, headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: e.automationClient.clientId,
        client_secret: e.automationClient.clientSecret, scope: "https://vault.azure.net/.default" }).toString() });
    const r = await http.send({ method: "PUT", url: `${e.keyVaultUrl}_stack/latency`, body: JSON.stringify({ ms }),
      headers: { authorization: `Bearer ${(token.json as { access_token: string }).access_token}`, "content-type": "application/json" } });
    expect(r.status).toBeLessThan(300);
  } finally {
    http.close();
  }
}

beforeAll(async () => {
  t = await startSyncStack({ syncIntervalMs: 3_000 });
  const seeded: Wire = (await t.custom.listNamespacedCustomObject({ ...SPC })).items[0];
  const { clientID, keyvaultName, tenantId } = seeded.spec.parameters;
  spcParams = { clientID, keyvaultName, tenantId };
});
afterAll(async () => { await t?.stop(); });

describe("sync controller over time", () => {
  it("a controller stopped in the middle of a burst and started again converges: every Secret synced with the current value", async () => {
    await t.vault.set("burst-value", "v1");
    await createSpc("spc-burst", [{ objectName: "burst-value", objectType: "secret" }]);
    await vaultLatency(150);
    const names = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    await Promise.all(names.map((n) => t.custom.createNamespacedCustomObject({ ...SS,
      body: secretSync(n, "spc-burst", [["burst-value", "value"]]) })));
    await waitFor("the first synced SecretSync", async () => ((await Promise.all(names.map(synced))).some(Boolean) ? true : undefined));
    await t.restartController({ stopOnly: true });
    const doneWhenStopped = (await Promise.all(names.map(synced))).filter(Boolean).length;
    expect(doneWhenStopped).toBeGreaterThan(0);
    expect(doneWhenStopped).toBeLessThan(names.length);       // stopped mid-run

    await vaultLatency(0);
    await t.vault.set("burst-value", "v2");                     // changed while no controller runs
    await t.restartController();
    // The restarted controller lists every SecretSync and reconciles each: the pending ones are created, the
    // synced ones see the new value through the hash.
    // Within 2 s, well before the first poll (3 s): the restart itself did it.
    await waitFor("every Secret holding v2", async () =>
      ((await Promise.all(names.map((n) => secretValue(n, "value")))).every((v) => v === "v2") ? true : undefined), 2_000);
    for (const n of names) {
      const { status } = await getSs(n);
      expect(status.conditions.find((c: Wire) => c.type === "Create")).toMatchObject({ status: "True", reason: "CreateSucceeded" });
      expect(status.conditions.every((c: Wire) => c.status === "True")).toBe(true);
    }
  });

  it("an SPC edit alone triggers nothing; the next poll picks it up (the hash covers the SPC's generation)", async () => {
    await t.vault.set("t-spc-a", "from-a");
    await t.vault.set("t-spc-b", "from-b");
    await createSpc("spc-edit", [{ objectName: "t-spc-a", objectType: "secret", objectAlias: "source" }]);
    const interval = 3_000;
    await t.restartController({ syncIntervalMs: interval });
    const start = Date.now();
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-spc", "spc-edit", [["source", "value"]]) });
    await waitFor("from-a", async () => ((await secretValue("t-spc", "value")) === "from-a" ? true : undefined), 2_000);
    await waitFor("t-spc's status", async () => ((await synced("t-spc")) ? true : undefined), 1_000);

    // Edit just after a poll, so a whole second passes before the next one.
    const sincePoll = (Date.now() - start) % interval;
    if (sincePoll > interval - 1_800) await new Promise((r) => setTimeout(r, interval - sincePoll + 150));
    const before: Wire = await getSs("t-spc");
    await t.custom.replaceNamespacedCustomObject({ ...SPC, name: "spc-edit", body: {
      ...(await t.custom.getNamespacedCustomObject({ ...SPC, name: "spc-edit" }) as object),
      spec: { provider: "azure", parameters: { ...spcParams,
        objects: spcObjects([{ objectName: "t-spc-b", objectType: "secret", objectAlias: "source" }]) } },
    } });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await secretValue("t-spc", "value")).toBe("from-a");
    expect((await getSs("t-spc")).status).toEqual(before.status);

    await waitFor("from-b after the poll", async () => ((await secretValue("t-spc", "value")) === "from-b" ? true : undefined), interval);
    const update = (await getSs("t-spc")).status.conditions.find((c: Wire) => c.type === "Update");
    expect(update).toMatchObject({ status: "True", reason: "UpdateValueChangeOrForceUpdateSucceeded" });
  });

  // The controller never deletes a Secret itself (as upstream): the API server's garbage collector does.
  it("deleting a SecretSync deletes its Secret (garbage collection) and leaves the Key Vault secret", async () => {
    await t.vault.set("t-gc", "kept");
    await createSpc("spc-gc", [{ objectName: "t-gc", objectType: "secret" }]);
    await t.custom.createNamespacedCustomObject({ ...SS, body: secretSync("t-gc", "spc-gc", [["t-gc", "value"]]) });
    await waitFor("Secret t-gc", () => secretValue("t-gc", "value"));
    await t.custom.deleteNamespacedCustomObject({ ...SS, name: "t-gc" });
    await waitFor("Secret t-gc gone", async () => ((await secretValue("t-gc", "value")) === undefined ? true : undefined));
    expect(await t.vault.get("t-gc")).toEqual({ status: 200, value: "kept" });
  });
});
