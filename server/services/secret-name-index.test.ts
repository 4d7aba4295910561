import { describe, expect, it } from "vitest";
import { createFakeKeyVault, deferred, summary } from "@/server/testing/fake-key-vault";
import { createSecretNameIndex, type SecretNameIndexOptions } from "./secret-name-index";

const names = (n: number, prefix = "secret") => Array.from({ length: n }, (_, i) => `${prefix}-${String(n - i).padStart(5, "0")}`);

function setup(vaultNames: string[], extra: Partial<SecretNameIndexOptions> = {}) {
  const vault = createFakeKeyVault(vaultNames);
  const scheduled: number[] = [];
  const errors: unknown[] = [];
  const index = createSecretNameIndex({
    pages: () => vault.secretPages(25),
    refreshSeconds: 60,
    schedule: (_run, ms) => { scheduled.push(ms); return { cancel() {} }; },
    onError: (err) => errors.push(err),
    ...extra,
  });
  return { vault, index, scheduled, errors };
}

describe("secret name index", () => {
  it("fills by paging the whole vault and sorts by name", async () => {
    const { vault, index } = setup(names(60));
    expect(index.status()).toEqual({ state: "filling", count: 0 });
    await index.refresh();
    expect(vault.calls.pages).toBe(3);
    expect(index.status()).toEqual({ state: "ready", count: 60 });
    const page = index.query({ limit: 3 });
    expect(page.items.map((s) => s.name)).toEqual(["secret-00001", "secret-00002", "secret-00003"]);
    expect(page.lastName).toBe("secret-00003");
  });

  it("shows what it has indexed so far while the first fill runs", async () => {
    const { vault, index } = setup(names(60));
    const gate = deferred();
    vault.gate = gate.promise;
    vault.gateFromPage = 1; // the second page hangs until released
    index.start();
    await new Promise((r) => setImmediate(r));
    expect(index.status()).toEqual({ state: "filling", count: 25 });
    expect(index.query({ search: "0060", limit: 10 }).items.map((s) => s.name)).toEqual(["secret-00060"]);
    vault.gate = null;
    gate.resolve();
    await index.refresh();
    expect(index.status()).toEqual({ state: "ready", count: 60 });
  });

  it("searches names case-insensitively by substring, a page at a time", async () => {
    const { index } = setup(["Kafka-Password", "kafka-user", "mqtt-password", "OPC-UA-cert", "db-PASS"]);
    await index.refresh();
    const all = index.query({ search: "PASS", limit: 10 });
    expect(all.items.map((s) => s.name)).toEqual(["db-PASS", "Kafka-Password", "mqtt-password"]);
    expect(all.lastName).toBeNull();
    const first = index.query({ search: "pass", limit: 2 });
    expect(first.items.map((s) => s.name)).toEqual(["db-PASS", "Kafka-Password"]);
    const second = index.query({ search: "pass", limit: 2, after: first.lastName! });
    expect(second.items.map((s) => s.name)).toEqual(["mqtt-password"]);
    expect(second.lastName).toBeNull();
    expect(index.query({ search: "nothing-like-this", limit: 5 }).items).toEqual([]);
  });

  it("pages the full list by keyset: every name once, stable under a delete between pages", async () => {
    const { index } = setup(names(103));
    await index.refresh();
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = index.query({ limit: 25, after });
      seen.push(...page.items.map((s) => s.name));
      if (i === 0) index.remove("secret-00002"); // already shown: must not shift the next page
      if (page.lastName === null) break;
      after = page.lastName;
    }
    expect(seen).toHaveLength(103);
    expect(new Set(seen).size).toBe(103);
  });

  it("takes the portal's own writes at once", async () => {
    const { index } = setup(names(3));
    await index.refresh();
    index.upsert(summary("new-one", { contentType: "password" }));
    index.remove("secret-00001");
    expect(index.status().count).toBe(3);
    expect(index.query({ search: "new", limit: 5 }).items[0]).toMatchObject({ name: "new-one", contentType: "password" });
    expect(index.query({ search: "00001", limit: 5 }).items).toEqual([]);
  });

  it("keeps own writes made while a refresh runs", async () => {
    const { vault, index } = setup(names(60));
    await index.refresh();
    const gate = deferred();
    vault.gate = gate.promise;
    const refreshing = index.refresh();
    index.upsert(summary("written-during-refresh"));
    index.remove("secret-00060");
    vault.gate = null;
    gate.resolve();
    await refreshing;
    expect(index.query({ search: "written-during", limit: 5 }).items).toHaveLength(1);
    expect(index.query({ search: "00060", limit: 5 }).items).toHaveLength(0);
  });

  it("picks up other writers' changes on refresh", async () => {
    const { vault, index } = setup(names(5));
    await index.refresh();
    vault.external.set("from-the-cli");
    vault.external.delete("secret-00005");
    await index.refresh();
    expect(index.query({ limit: 10 }).items.map((s) => s.name)).toContain("from-the-cli");
    expect(index.query({ search: "00005", limit: 10 }).items).toEqual([]);
  });

  it("keeps the last good index when a refresh fails", async () => {
    const { vault, index, errors } = setup(names(60));
    await index.refresh();
    vault.external.delete("secret-00001");
    vault.failFromPage = 1; // the second page fails
    await index.refresh();
    expect(errors).toHaveLength(1);
    expect(index.status()).toEqual({ state: "ready", count: 60 });
    expect(index.query({ search: "00001", limit: 5 }).items).toHaveLength(1);
  });

  it("refreshes every refreshSeconds, and retries a failed first fill sooner", async () => {
    const ok = setup(names(2));
    ok.index.start();
    ok.index.start(); // idempotent
    await ok.index.refresh();
    expect(ok.vault.calls.pages).toBe(1);
    expect(ok.scheduled.at(-1)).toBe(60_000);

    const failing = setup(names(2));
    failing.vault.failFromPage = 0;
    await failing.index.refresh();
    expect(failing.index.status().state).toBe("filling");
    expect(failing.scheduled.at(-1)).toBe(5_000);
  });

  it("searches 5,000 secrets in well under 50 ms once warm", async () => {
    const { index } = setup(names(5000));
    await index.refresh();
    index.query({ search: "x", limit: 25 }); // warm: sorted view built
    const started = performance.now();
    for (let i = 0; i < 20; i++) index.query({ search: String(1000 + i * 7), limit: 25 });
    const perSearch = (performance.now() - started) / 20;
    expect(perSearch).toBeLessThan(50);
  });
});
