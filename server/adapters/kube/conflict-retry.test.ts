import { describe, expect, it } from "vitest";
import { createKeyedQueue, retryOnConflict } from "@/server/adapters/kube/conflict-retry";
import { AppError } from "@/server/errors";

const stale = () => new AppError("conflict", "changed", { upstream: { service: "kubernetes", code: "Conflict" } });
const taken = () => new AppError("conflict", "exists", { upstream: { service: "kubernetes", code: "AlreadyExists" } });

describe("retryOnConflict", () => {
  it("re-runs the whole read-modify-write after a stale write, and stops at the bound", async () => {
    let calls = 0;
    await expect(retryOnConflict("SecretSync 'a'", async () => {
      calls++;
      if (calls < 3) throw stale();
      return "written";
    }, { baseDelayMs: 1 })).resolves.toBe("written");
    expect(calls).toBe(3);

    calls = 0;
    const err = await retryOnConflict("SecretSync 'a'", async () => {
      calls++;
      throw stale();
    }, { attempts: 4, baseDelayMs: 1 }).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(err).toMatchObject({ status: 409, detail: "SecretSync 'a' kept changing while the portal wrote it (4 attempts); try again." });
  });

  it("does not retry what a retry cannot fix (AlreadyExists, other errors)", async () => {
    let calls = 0;
    await expect(retryOnConflict("x", async () => {
      calls++;
      throw taken();
    }, { baseDelayMs: 1 })).rejects.toMatchObject({ detail: "exists" });
    expect(calls).toBe(1);
  });
});

describe("createKeyedQueue", () => {
  it("runs tasks of one key one at a time in order, other keys alongside, and survives a failed task", async () => {
    const run = createKeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([run("spc", task("a1", 20, true)), run("spc", task("a2", 1)),
      run("other", task("b1", 5))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(log.indexOf("start a2")).toBeGreaterThan(log.indexOf("end a1"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
  });
});
