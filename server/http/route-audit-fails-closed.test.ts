import { Writable } from "node:stream";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { auditListInput } from "@/lib/schemas/audit";
import { memoryAuditLog, TEST_OPERATOR } from "@/server/auth/testing/memory-audit-log";
import { AppError } from "@/server/errors";

/**
 * The audit log fails closed: when a write's intent cannot be recorded the write is not run (503, nothing changed);
 * when only its outcome cannot be, the write's answer stands, the intent shows "outcome unknown" and the outcome is
 * in the error log. The store is broken through its test double (`refuse`).
 */
const lines: string[] = [];
vi.mock("@/server/log", async (importActual) => {
  const actual = await importActual<typeof import("@/server/log")>();
  const sink = new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } });
  const logger = actual.createLogger("info", sink);
  return { ...actual, log: () => logger };
});
vi.mock("@/server/http/authenticate", async (importActual) => ({
  ...(await importActual<typeof import("@/server/http/authenticate")>()),
  authenticate: async () => TEST_OPERATOR,
}));
vi.mock("@/server/wiring", () => ({ auditLog: () => audit }));
const audit = memoryAuditLog();

const { route } = await import("./route");

const SECRET = "s3cr3t-Value-4242";
const handler = vi.fn(() => new Response(null, { status: 201 }));
const save = route({ role: "operator", params: z.object({ name: z.string() }), query: z.object({ dryRun: z.literal("All").optional() }),
  body: z.object({ value: z.string() }), audit: { action: "test-secret.create", resources: (p) => [`secrets/${p.name}`] } }, handler);

function put(query = "") {
  return save(new Request(`http://127.0.0.1/api/test/db${query}`, { method: "PUT", headers: { "content-type": "application/json" },
    body: JSON.stringify({ value: SECRET }) }), { params: Promise.resolve({ name: "db" }) });
}
const logged = () => lines.map((l) => JSON.parse(l) as { level: string; msg: string; audit?: Record<string, unknown> });

beforeEach(() => {
  audit.clear();
  handler.mockClear();
  lines.length = 0;
});

describe("route(): the audit log fails closed", () => {
  it("answers 503 problem+json saying nothing was changed, without running the handler, when the intent cannot be recorded", async () => {
    audit.refuse = () => true;
    const res = await put();
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ type: "/problems/audit-unavailable", title: "Audit log unavailable", status: 503,
      detail: expect.stringMatching(/audit log is unavailable, so nothing was changed/) });
    expect(handler).not.toHaveBeenCalled();
    expect(audit.entries).toEqual([]);
    expect(logged().filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
      expect.stringMatching(/could not record the intent/), "request"]);
    expect(lines.join("")).not.toContain(SECRET);
  });

  it("runs a dry run without an intent, so a broken store does not stop it", async () => {
    audit.refuse = () => true;
    expect((await put("?dryRun=All")).status).toBe(201);
    expect(handler).toHaveBeenCalledOnce();
  });

  it("keeps the write's answer, shows the intent as outcome unknown and logs the whole outcome at error level when only the outcome cannot be recorded", async () => {
    audit.refuse = (r) => "phase" in r && r.phase === "outcome";
    const res = await put();
    expect(res.status).toBe(201);
    expect(handler).toHaveBeenCalledOnce();
    const { items } = await audit.list(auditListInput.parse({}));
    expect(items).toMatchObject([{ action: "test-secret.create", resources: ["secrets/db"], outcome: "unknown", status: null }]);
    const error = logged().find((l) => l.level === "error" && /outcome/.test(l.msg));
    expect(error?.audit).toMatchObject({ phase: "outcome", intentId: items[0]!.id, outcome: "succeeded", status: 201,
      action: "test-secret.create", resources: ["secrets/db"], actor: { oid: TEST_OPERATOR.id } });
    expect(lines.join("")).not.toContain(SECRET);
  });

  describe("a route whose handler reads first and writes after beforeWrite()", () => {
    const events: string[] = [];
    const gated = (o: { refuseAfterReads?: boolean } = {}) => route({ role: "operator", body: z.object({ value: z.string() }),
      writesAfterGate: true, audit: { action: "test-secret.create" } }, async ({ beforeWrite }) => {
      events.push("read");
      if (o.refuseAfterReads) throw new AppError("conflict", "Taken.");
      await beforeWrite();
      events.push(`write (intents recorded: ${audit.entries.length})`);
      return new Response(null, { status: 201 });
    });
    const call = (r: ReturnType<typeof gated>) => r(new Request("http://127.0.0.1/api/test", { method: "POST",
      headers: { "content-type": "application/json" }, body: JSON.stringify({ value: SECRET }) }), { params: Promise.resolve({}) });
    beforeEach(() => { events.length = 0; });

    it("reads while the intent is recorded, and writes only once it is", async () => {
      expect((await call(gated())).status).toBe(201);
      expect(events).toEqual(["read", "write (intents recorded: 1)"]);
      expect(audit.entries.map((e) => ("phase" in e ? e.phase : "single"))).toEqual(["intent", "outcome"]);
    });

    it("writes nothing and answers 503 when the intent cannot be recorded", async () => {
      audit.refuse = () => true;
      const res = await call(gated());
      expect(res.status).toBe(503);
      expect(events).toEqual(["read"]);
    });

    it("closes the recorded intent of a save refused before its writes", async () => {
      const res = await call(gated({ refuseAfterReads: true }));
      expect(res.status).toBe(409);
      expect(audit.entries).toMatchObject([{ phase: "intent" }, { phase: "outcome", status: 409 }]);
    });
  });
});
