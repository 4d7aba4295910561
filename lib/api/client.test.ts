import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiProblem, apiFetch, apiUrl } from "./client";

const ok = z.object({ ok: z.literal(true) });

function answer(body: unknown, init: ResponseInit & { raw?: boolean } = {}) {
  const text = init.raw ? String(body) : JSON.stringify(body);
  vi.stubGlobal("fetch", vi.fn(async () => new Response(text, init)));
}

afterEach(() => vi.unstubAllGlobals());

describe("apiFetch", () => {
  it("returns the parsed body of a 2xx answer", async () => {
    answer({ ok: true }, { status: 200 });
    await expect(apiFetch("/api/health", (j) => ok.parse(j))).resolves.toEqual({ ok: true });
  });

  it("turns a problem+json answer into one ApiProblem with status, title, detail and field errors", async () => {
    answer(
      {
        type: "/problems/bad-request", title: "Bad request", status: 400, detail: "pageSize: Use 1 to 100",
        instance: "/api/key-vault/secrets", requestId: "req-1", errors: { pageSize: ["Use 1 to 100"] },
      },
      { status: 400, headers: { "content-type": "application/problem+json" } },
    );
    const err = await apiFetch("/api/key-vault/secrets", (j) => j).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect(err).toMatchObject({
      status: 400, title: "Bad request", detail: "pageSize: Use 1 to 100",
      errors: { pageSize: ["Use 1 to 100"] }, requestId: "req-1",
    });
  });

  it("still gives an ApiProblem when the error body is not a problem (a proxy's HTML page)", async () => {
    answer("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway", raw: true });
    const err = await apiFetch("/api/instance", (j) => j).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, title: "Bad Gateway" });
    expect((err as ApiProblem).detail).toContain("502");
  });

  it("reports an unreachable server as a network problem (status 0)", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => { throw new TypeError("fetch failed"); }));
    await expect(apiFetch("/api/instance", (j) => j)).rejects.toMatchObject({ status: 0, title: "Network error" });
  });

  it("rejects a 2xx answer that does not match the contract", async () => {
    answer({ ok: "yes" }, { status: 200 });
    await expect(apiFetch("/api/health", (j) => ok.parse(j))).rejects.toBeInstanceOf(z.ZodError);
  });
});

describe("apiUrl", () => {
  it("drops empty values so equal filters give equal URLs", () => {
    expect(apiUrl("/api/key-vault/secrets", { search: "", cursor: undefined, pageSize: 25 })).toBe("/api/key-vault/secrets?pageSize=25");
    expect(apiUrl("/api/x", { search: "a b&c" })).toBe("/api/x?search=a+b%26c");
  });
});
