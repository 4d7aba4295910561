import { describe, expect, it } from "vitest";
import { secretSyncSpecInput } from "@/lib/schemas/secret-sync";
import { forceSynchronizationToken } from "./sync-now";

describe("forceSynchronization token", () => {
  it("is the compact UTC time to the millisecond plus a random suffix, valid for the CRD (no colons), new each time", () => {
    const at = new Date("2026-12-02T03:45:01.123Z");
    const tokens = new Set(Array.from({ length: 200 }, () => forceSynchronizationToken(at)));
    expect(tokens.size).toBeGreaterThan(190);
    for (const t of tokens) {
      expect(t).toMatch(/^20261202T034501123Z-[0-9a-z]{4}$/);
      expect(secretSyncSpecInput.shape.forceSynchronization.safeParse(t).success).toBe(true);
    }
    const previous = [...tokens][0]!;
    expect(forceSynchronizationToken(at, previous)).not.toBe(previous);
  });
});
