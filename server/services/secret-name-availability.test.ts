import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { createSecretNameAvailabilityService, type SecretNameLookups } from "./secret-name-availability";

const missing = (name: string) => Promise.reject(new AppError("not-found", `Secret '${name}' was not found.`));

function vault(o: { live?: string[]; deleted?: Record<string, string | null>; failing?: AppError }): SecretNameLookups {
  return {
    vault: { name: "opsportal-kv" },
    getSecretProperties: (name) => (o.failing ? Promise.reject(o.failing)
      : o.live?.includes(name) ? Promise.resolve({ name }) : missing(name)),
    getDeletedSecret: (name) => (o.deleted && name in o.deleted
      ? Promise.resolve({ scheduledPurgeDate: o.deleted[name] ?? null }) : missing(name)),
  };
}

describe("secret name availability", () => {
  it("answers available, exists (pointing to Add from Azure Key Vault) or deleted (with the purge date)", async () => {
    const service = createSecretNameAvailabilityService(vault({ live: ["db-pass"], deleted: { "old-pass": "2026-12-01T00:00:00.000Z" } }));
    expect(await service.availability("fresh")).toEqual({ name: "fresh", state: "available", message: null });
    expect(await service.availability("db-pass")).toMatchObject({ state: "exists", message: expect.stringMatching(/Add from Azure Key Vault/) });
    expect(await service.availability("old-pass")).toMatchObject({ state: "deleted",
      message: expect.stringMatching(/deleted secret in Key Vault 'opsportal-kv' until 2026-12-01/) });
  });

  it("passes on a failure other than not-found (no guess that the name is free)", async () => {
    const service = createSecretNameAvailabilityService(vault({ failing: new AppError("forbidden", "No access.") }));
    await expect(service.availability("x")).rejects.toMatchObject({ kind: "forbidden" });
  });
});
