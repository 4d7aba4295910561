import { describe, expect, it } from "vitest";
import { keyVaultSecretList, keyVaultSecretListInput, keyVaultSecretName, keyVaultSecretSummary } from "./key-vault-secret";
import { problem } from "./problem";

describe("Key Vault secret schemas", () => {
  it("reads the list query as the URL gives it", () => {
    expect(keyVaultSecretListInput.parse({})).toEqual({ pageSize: 25 });
    expect(keyVaultSecretListInput.parse({ search: "  ", cursor: "", pageSize: "" })).toEqual({ pageSize: 25 });
    expect(keyVaultSecretListInput.parse({ search: " kafka ", pageSize: "100" })).toEqual({ search: "kafka", pageSize: 100 });
  });

  it.each([
    [{ pageSize: "0" }, "pageSize"],
    [{ pageSize: "101" }, "pageSize"],
    [{ pageSize: "2.5" }, "pageSize"],
    [{ pageSize: "ten" }, "pageSize"],
    [{ pageSize: ["10", "20"] }, "pageSize"],
    [{ search: "x".repeat(128) }, "search"],
    [{ cursor: "c".repeat(5000) }, "cursor"],
  ])("refuses %j naming %s", (query, field) => {
    const r = keyVaultSecretListInput.safeParse(query);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual([field]);
  });

  it("accepts Key Vault's secret names only", () => {
    expect(keyVaultSecretName.safeParse("kafka-sasl-password").success).toBe(true);
    for (const bad of ["", "has space", "under_score", "x".repeat(128), "ünïcode"]) {
      expect(keyVaultSecretName.safeParse(bad).success).toBe(false);
    }
  });

  it("has no value field: a stray one is stripped from a summary", () => {
    const parsed = keyVaultSecretSummary.parse({ name: "a", value: "s3cr3t", contentType: null, enabled: true, createdOn: null,
      updatedOn: "2026-01-01T00:00:00.000Z", expiresOn: null, notBefore: null, tags: {} });
    expect(parsed).not.toHaveProperty("value");
  });

  it("describes the list response and the problem body", () => {
    expect(keyVaultSecretList.safeParse({ items: [], nextCursor: null, index: { state: "filling", count: 0 } }).success).toBe(true);
    expect(keyVaultSecretList.safeParse({ items: [], nextCursor: null, index: { state: "done", count: 0 } }).success).toBe(false);
    expect(problem.safeParse({ type: "/problems/upstream", title: "Upstream service failed", status: 503, detail: "down",
      instance: "/api/key-vault/secrets", requestId: "r", upstream: { service: "key-vault", code: "ServiceUnavailable" } }).success)
      .toBe(true);
  });
});
