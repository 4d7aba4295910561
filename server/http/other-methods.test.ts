import { describe, expect, it, vi } from "vitest";
import { memoryAuditLog, TEST_OPERATOR } from "@/server/auth/testing/memory-audit-log";
import { otherMethods } from "./other-methods";

// Authentication and the audit log have their own tests (server/auth, server/audit); here every caller is an operator.
vi.mock("@/server/http/authenticate", async (importActual) => ({
  ...(await importActual<typeof import("@/server/http/authenticate")>()),
  authenticate: async () => TEST_OPERATOR,
}));
vi.mock("@/server/wiring", () => ({ auditLog: () => audit }));
const audit = memoryAuditLog();


describe("otherMethods()", () => {
  it("answers a method the route does not serve with 405 problem+json and Allow", async () => {
    const { POST } = otherMethods("GET");
    const res = await POST(new Request("http://127.0.0.1/api/instance", { method: "POST" }), { params: Promise.resolve({}) });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ type: "/problems/method-not-allowed", detail: "POST is not supported here; use GET." });
  });
});
