import { describe, expect, it } from "vitest";
import { AppError, problemBody, problemResponse, toAppError } from "./errors";

describe("AppError", () => {
  it("is recognised across copies of the module (Next bundles routes and instrumentation apart)", () => {
    const fromAnotherBundle = Object.assign(new Error("x"), { [Symbol.for("ops-portal.AppError")]: true, kind: "not-found" });
    expect(fromAnotherBundle instanceof AppError).toBe(true);
    expect(new Error("plain") instanceof AppError).toBe(false);
    expect(toAppError(new AppError("conflict", "c")).status).toBe(409);
  });

  it("hides anything that is not an AppError behind an internal error", () => {
    const e = toAppError(new TypeError("Cannot read properties of undefined (reading 'value')"));
    expect(e.kind).toBe("internal");
    expect(e.detail).not.toMatch(/Cannot read/);
  });

  it("sends problem+json with Retry-After and Allow when given", async () => {
    const res = problemResponse(new AppError("too-many-requests", "Slow down.", { retryAfterSeconds: 3 }), { instance: "/api/x", requestId: "r" });
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("3");
    const allow = problemResponse(new AppError("method-not-allowed", "No.", { allow: ["GET"] }), { instance: "/api/x", requestId: "r" });
    expect(allow.status).toBe(405);
    expect(allow.headers.get("allow")).toBe("GET");
  });

  it("puts field errors and the upstream code in the body, and no stack", () => {
    const body = problemBody(new AppError("bad-request", "Invalid.", { errors: { "tags.env": ["too long"] } }), { instance: "/a", requestId: "r" });
    expect(body).toEqual({ type: "/problems/bad-request", title: "Invalid request", status: 400, detail: "Invalid.",
      instance: "/a", requestId: "r", errors: { "tags.env": ["too long"] } });
    const up = problemBody(new AppError("upstream", "KV down.", { upstream: { service: "key-vault", code: "ServiceUnavailable", status: 503 } }),
      { instance: "/a", requestId: "r" });
    expect(up.status).toBe(503);
    expect(up.upstream).toEqual({ service: "key-vault", code: "ServiceUnavailable" });
    expect(JSON.stringify(up)).not.toContain("stack");
  });
});
