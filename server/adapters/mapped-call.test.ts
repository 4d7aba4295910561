import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { mappedCall } from "./mapped-call";
import { isNetworkErrorCode, isTimeoutErrorCode } from "./network-error-codes";

describe("mappedCall", () => {
  const call = mappedCall<"get" | "list">((err, operation, name) =>
    new AppError("upstream", `${operation} ${name ?? "all"} failed: ${(err as Error).message}`, { upstream: { service: "kubernetes", code: null } }));

  it("returns what the call returns", async () => {
    expect(await call("get", "a", async () => 42)).toBe(42);
  });

  it("maps what it throws with the operation and the name", async () => {
    await expect(call("list", undefined, async () => { throw new Error("boom"); }))
      .rejects.toMatchObject({ kind: "upstream", detail: "list all failed: boom" });
  });
});

describe("network error codes", () => {
  it("tells an unreachable service from a slow one", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "UND_ERR_SOCKET", "REQUEST_SEND_ERROR", "CERT_HAS_EXPIRED"]) {
      expect(isNetworkErrorCode(code), code).toBe(true);
      expect(isTimeoutErrorCode(code), code).toBe(false);
    }
    for (const code of ["ETIMEDOUT", "UND_ERR_HEADERS_TIMEOUT"]) expect(isTimeoutErrorCode(code), code).toBe(true);
    for (const code of [undefined, null, "ForbiddenByRbac"]) expect(isNetworkErrorCode(code)).toBe(false);
  });
});
