import { describe, expect, it } from "vitest";
import type { KeyVaultSecretList } from "@/lib/schemas/key-vault-secret";
import { AppError } from "@/server/errors";
import { createFakeKeyVault, deferred } from "@/server/testing/fake-key-vault";
import { createKeyVaultSecretsService } from "./key-vault-secrets";
import { createSecretNameIndex } from "./secret-name-index";
import { createVaultPageCursors } from "./vault-page-cursors";

const names = (n: number) => Array.from({ length: n }, (_, i) => `secret-${String(n - i).padStart(4, "0")}`);

function setup(vaultNames: string[], cursorTtlMs?: number) {
  const vault = createFakeKeyVault(vaultNames);
  const index = createSecretNameIndex({ pages: () => vault.secretPages(25), refreshSeconds: 60,
    schedule: () => ({ cancel() {} }) });
  const service = createKeyVaultSecretsService({ adapter: vault, index,
    cursors: createVaultPageCursors({ ttlMs: cursorTtlMs }) });
  return { vault, index, service };
}

async function allPages(list: (cursor?: string) => Promise<KeyVaultSecretList>): Promise<KeyVaultSecretList[]> {
  const pages: KeyVaultSecretList[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await list(cursor);
    pages.push(page);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return pages;
}

describe("Key Vault secrets service", () => {
  it("serves the vault's own pages while the index fills, to the end without an empty page", async () => {
    const { vault, service } = setup(names(60));
    const hold = deferred();
    vault.gate = hold.promise;
    vault.gateFromPage = 1; // the index's fill stalls after its first page; the list must not wait for it
    const first = await Promise.race([service.list({ pageSize: 25 }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("waited for the index")), 1000))]);
    expect(first.index.state).toBe("filling");
    expect(first.items.map((s) => s.name).slice(0, 2)).toEqual(["secret-0060", "secret-0059"]); // the vault's order
    vault.gate = null;
    hold.resolve();
    const pages = await allPages((cursor) => service.list({ pageSize: 25, cursor }));
    expect(pages.map((p) => p.items.length)).toEqual([25, 25, 10]);
  });

  it("pages from the index, sorted by name, once it is ready", async () => {
    const { service, index } = setup(names(60));
    await index.refresh();
    const pages = await allPages((cursor) => service.list({ pageSize: 25, cursor }));
    expect(pages.map((p) => p.items.length)).toEqual([25, 25, 10]);
    const all = pages.flatMap((p) => p.items.map((s) => s.name));
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(60);
    expect(pages[0]!.index).toEqual({ state: "ready", count: 60 });
  });

  it("answers a search from the index without calling the vault", async () => {
    const { service, index, vault } = setup(names(300));
    service.startIndex();
    await index.refresh(); // joins the fill that start() began
    const callsBefore = vault.calls.pages;
    const first = await service.list({ search: "SECRET-01", pageSize: 50 });
    expect(first.items).toHaveLength(50);
    const second = await service.list({ search: "secret-01", pageSize: 50, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(50);
    expect(second.nextCursor).toBeNull();
    expect(vault.calls.pages).toBe(callsBefore);
  });

  it("indexes a 300-secret vault with one list call per page and no per-secret call", async () => {
    const { service, index, vault } = setup(names(300));
    service.startIndex();
    await index.refresh();
    expect(vault.calls.pages).toBe(12);
    expect(vault.calls.get).toBe(0);
  });

  it("shows the portal's own writes in the list at once", async () => {
    const { service, index } = setup(names(5));
    await index.refresh();
    await service.set({ name: "kafka-password", value: "v", contentType: "password" });
    await service.delete("secret-0001");
    const list = await service.list({ pageSize: 25 });
    expect(list.items.map((s) => s.name)).toContain("kafka-password");
    expect(list.items.map((s) => s.name)).not.toContain("secret-0001");
    expect(list.index.count).toBe(5);
  });

  it("refuses a cursor it did not make", async () => {
    const { service } = setup(names(5));
    for (const cursor of ["not-base64!", Buffer.from('{"k":"v","t":"https://evil.example/"}').toString("base64url")]) {
      const err = await service.list({ pageSize: 25, cursor }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).errors).toEqual({ cursor: ["Invalid cursor"] });
    }
  });

  it("continues an expired vault cursor from the index", async () => {
    const { service, index } = setup(names(60), 0);
    const first = await service.list({ pageSize: 25 }); // filling: a vault cursor, expiring at once
    await index.refresh();
    const next = await service.list({ pageSize: 25, cursor: first.nextCursor! });
    const lastShown = first.items.at(-1)!.name;
    expect(next.items.length).toBeGreaterThan(0);
    expect(next.items.every((s) => s.name > lastShown)).toBe(true);
  });
});
