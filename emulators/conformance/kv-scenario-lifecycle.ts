import type { DeletedSecret, SecretClient } from "@azure/keyvault-secrets";
import type { Recorder } from "./recorder";
import type { ScenarioConfig } from "./transcript";

const POLL = { intervalInMs: 100 };
const DAY_MS = 86_400_000;

/** Versions and property updates on `s-00`; mirrors `version_steps` in kv_scenario_steps.py. */
export async function versionSteps(rec: Recorder, client: SecretClient, c: ScenarioConfig, firstVersion: string) {
  const name = `${c.prefix}s-00`;
  let second = "";
  await rec.step("set-second-version", async () => {
    const r = await client.setSecret(name, "value-0-v2");
    second = r.properties.version ?? "";
    return { newVersion: second !== "" && second !== firstVersion };
  });
  await rec.step("list-versions", async () => {
    const versions: string[] = [];
    for await (const p of client.listPropertiesOfSecretVersions(name)) if (p.name === name) versions.push(p.version ?? "");
    return { count: versions.length, hasFirst: versions.includes(firstVersion), hasSecond: versions.includes(second) };
  });
  await rec.step("get-old-version", async () => {
    const r = await client.getSecret(name, { version: firstVersion });
    return { valueMatches: r.value === "value-0", versionMatches: r.properties.version === firstVersion };
  });
  await rec.step("get-latest", async () => {
    const r = await client.getSecret(name);
    return { valueMatches: r.value === "value-0-v2", versionMatches: r.properties.version === second };
  });
  await rec.step("update-properties", async () => {
    const p = await client.updateSecretProperties(name, second,
      { contentType: "application/json", tags: { owner: "conformance" }, enabled: false });
    return { contentType: p.contentType ?? null, tags: p.tags ?? {}, enabled: p.enabled ?? null };
  });
  await rec.step("get-disabled", async () => void (await client.getSecret(name)));
  await rec.step("get-disabled-by-version", async () => void (await client.getSecret(name, { version: second })));
  await rec.step("get-old-version-still-enabled", async () =>
    ({ valueMatches: (await client.getSecret(name, { version: firstVersion })).value === "value-0" }));
  await rec.step("list-versions-after-update", async () => {
    const enabled: Record<string, boolean | null> = {};
    for await (const p of client.listPropertiesOfSecretVersions(name)) {
      enabled[p.version === firstVersion ? "first" : p.version === second ? "second" : "other"] = p.enabled ?? null;
    }
    return { enabled };
  });
  await rec.step("re-enable", async () =>
    ({ enabled: (await client.updateSecretProperties(name, second, { enabled: true })).enabled ?? null }));
  await rec.step("get-after-re-enable", async () => {
    const r = await client.getSecret(name);
    return { valueMatches: r.value === "value-0-v2", contentType: r.properties.contentType ?? null,
      tags: r.properties.tags ?? {} };
  });
}

function deletedFacts(d: DeletedSecret, c: ScenarioConfig, name: string) {
  const deletedOn = d.deletedOn?.getTime();
  const purgeOn = d.scheduledPurgeDate?.getTime();
  return {
    nameMatches: d.name === name,
    recoveryIdMatches: d.recoveryId === `${c.vaultUrl}deletedsecrets/${name}`,
    hasDeletedOn: deletedOn !== undefined && Math.abs(deletedOn - Date.now()) < DAY_MS,
    retentionDays: deletedOn !== undefined && purgeOn !== undefined ? Math.round((purgeOn - deletedOn) / DAY_MS) : null,
  };
}

/** Soft delete, recover, purge on `s-01`; mirrors `lifecycle_steps` in kv_scenario_steps.py. */
export async function lifecycleSteps(rec: Recorder, client: SecretClient, c: ScenarioConfig, firstVersion: string) {
  const name = `${c.prefix}s-01`;
  await rec.step("delete", async () =>
    deletedFacts(await (await client.beginDeleteSecret(name, POLL)).pollUntilDone(), c, name));
  await rec.step("get-while-deleted", async () => void (await client.getSecret(name)));
  await rec.step("get-deleted", async () => deletedFacts(await client.getDeletedSecret(name), c, name));
  await rec.step("list-deleted", async () => {
    const ours: string[] = [];
    for await (const d of client.listDeletedSecrets()) if (d.name.startsWith(c.prefix)) ours.push(d.name.slice(c.prefix.length));
    return { ours: ours.sort() };
  });
  await rec.step("set-deleted-name", async () => void (await client.setSecret(name, "reused")));
  await rec.step("recover", async () =>
    ({ nameMatches: (await (await client.beginRecoverDeletedSecret(name, POLL)).pollUntilDone()).name === name }));
  await rec.step("get-after-recover", async () => {
    const r = await client.getSecret(name);
    return { valueMatches: r.value === "value-1", versionMatches: r.properties.version === firstVersion };
  });
  await rec.step("get-deleted-after-recover", async () => void (await client.getDeletedSecret(name)));
  await rec.step("delete-for-purge", async () => void (await (await client.beginDeleteSecret(name, POLL)).pollUntilDone()));
  await rec.step("purge", async () => void (await client.purgeDeletedSecret(name)));
  await rec.step("get-deleted-after-purge", async () => void (await client.getDeletedSecret(name)));
  await rec.step("get-after-purge", async () => void (await client.getSecret(name)));
  await rec.step("set-after-purge", async () =>
    ({ newVersion: ((await client.setSecret(name, "value-1-again")).properties.version ?? firstVersion) !== firstVersion }));
}

/** Requests the service must refuse; mirrors `refusal_steps` in kv_scenario_steps.py. */
export async function refusalSteps(rec: Recorder, client: SecretClient, c: ScenarioConfig) {
  await rec.step("not-found", async () => void (await client.getSecret(`${c.prefix}missing`)));
  await rec.step("not-found-version", async () =>
    void (await client.getSecret(`${c.prefix}s-02`, { version: "0".repeat(32) })));
  await rec.step("set-invalid-name", async () => void (await client.setSecret(`${c.prefix}bad_name`, "x")));
  await rec.step("set-value-too-large", async () => void (await client.setSecret(`${c.prefix}big`, "x".repeat(25 * 1024 + 1))));
  const tags = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, "v"]));
  await rec.step("set-too-many-tags", async () => void (await client.setSecret(`${c.prefix}tags`, "x", { tags })));
}
