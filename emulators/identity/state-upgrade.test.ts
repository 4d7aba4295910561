import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInitialState, type IdentityState } from "./state";
import { IdentityStore } from "./store";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "identity-upgrade-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("state.json written before browser sign-in and workload identity", () => {
  it("gains the demo users, the SPA registration and the automation client's portal role, keeping every id and secret", async () => {
    const old = await createInitialState() as Partial<IdentityState> & IdentityState;
    delete (old as Partial<IdentityState>).spaApps;
    old.managedIdentities = [{ name: "legacy", clientId: "c1", objectId: "o1" } as IdentityState["managedIdentities"][number]];
    await writeFile(join(dir, "state.json"), JSON.stringify(old));

    const store = await IdentityStore.open(dir, { create: false });
    const s = store.current();
    expect(s.tenantId).toBe(old.tenantId);
    expect(s.servicePrincipals.map((p) => [p.clientId, p.secrets])).toEqual(old.servicePrincipals.map((p) => [p.clientId, p.secrets]));
    expect(s.users.map((u) => u.name)).toEqual(["olivia.operator", "rudy.reader", "nora.norole"]);
    expect(s.spaApps.map((a) => a.name)).toEqual(["portal-spa"]);
    expect(s.managedIdentities[0]!.tenantId).toBe(old.tenantId);
    const portal = s.servicePrincipals.find((p) => p.name === "portal")!;
    expect(s.servicePrincipals.find((p) => p.name === "automation")!.appRoles).toEqual({ [portal.clientId]: ["Secrets.Operator"] });
    // Persisted, and a second open changes nothing (the SPA's client id stays what the portal was configured with).
    const written = JSON.parse(await readFile(join(dir, "state.json"), "utf8")) as IdentityState;
    expect(written.spaApps).toEqual(s.spaApps);
    const again = (await IdentityStore.open(dir, { create: false })).current();
    expect(again.spaApps[0]!.clientId).toBe(s.spaApps[0]!.clientId);
    expect(again.users.map((u) => u.objectId)).toEqual(s.users.map((u) => u.objectId));
  });
});
