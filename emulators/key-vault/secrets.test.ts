import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, startTestVault, type TestVault } from "./testing/fixtures";

let t: TestVault;
beforeAll(async () => { t = await startTestVault(); });
afterAll(async () => { await t.stop(); });

const call = (...a: Parameters<TestVault["client"]["call"]>) => t.client.call(...a);

describe("set and get", () => {
  it("creates a new 32-hex version on every set and returns the value", async () => {
    const first = await call("PUT", `/secrets/db-pass?${API}`, {
      body: { value: "v1", contentType: "text/plain", tags: { a: "b" }, attributes: {} } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ value: "v1", contentType: "text/plain", tags: { a: "b" },
      attributes: { enabled: true, recoverableDays: 90, recoveryLevel: "Recoverable+Purgeable" } });
    expect(first.json.id).toMatch(new RegExp(`^${t.vault.url}secrets/db-pass/[0-9a-f]{32}$`));
    expect(Number.isInteger(first.json.attributes.created)).toBe(true);

    const second = await call("PUT", `/secrets/db-pass?${API}`, { body: { value: "v2" } });
    expect(second.json.id).not.toBe(first.json.id);

    const latest = await call("GET", `/secrets/db-pass?${API}`);
    expect(latest.json).toMatchObject({ value: "v2", id: second.json.id });
    const latestSlash = await call("GET", `/secrets/db-pass/?${API}`);
    expect(latestSlash.json.id).toBe(second.json.id);
    const old = await call("GET", `/secrets/db-pass/${first.json.id.split("/").pop()}?${API}`);
    expect(old.json).toMatchObject({ value: "v1", tags: { a: "b" } });
  });

  it("accepts the JS SDK's percent-encoded query key and the Python SDK's api-version", async () => {
    await call("PUT", `/secrets/enc?${API}`, { body: { value: "x" } });
    expect((await call("GET", "/secrets/enc/?api%2Dversion=2025-07-01")).status).toBe(200);
    expect((await call("GET", "/secrets/enc?maxresults=2&api-version=7.3")).status).toBe(200);
  });

  it("treats names case-insensitively and keeps the case of the first set", async () => {
    await call("PUT", `/secrets/Mixed-Case?${API}`, { body: { value: "1" } });
    const again = await call("PUT", `/secrets/mixed-case?${API}`, { body: { value: "2" } });
    expect(again.json.id).toContain("/secrets/Mixed-Case/");
    expect((await call("GET", `/secrets/MIXED-CASE?${API}`)).json.value).toBe("2");
  });

  it("answers 404 SecretNotFound with Azure's message for a missing secret or version", async () => {
    const missing = await call("GET", `/secrets/nope?${API}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("SecretNotFound");
    expect(missing.json.error.message).toMatch(/^A secret with \(name\/id\) nope was not found in this key vault/);
    await call("PUT", `/secrets/has-one?${API}`, { body: { value: "x" } });
    const badVersion = await call("GET", `/secrets/has-one/0123456789abcdef0123456789abcdef?${API}`);
    expect(badVersion.status).toBe(404);
    expect(badVersion.json.error.message).toContain("has-one/0123456789abcdef0123456789abcdef");
  });
});

describe("attributes", () => {
  it("refuses the value of a disabled secret with 403 SecretDisabled but still lists it", async () => {
    await call("PUT", `/secrets/off?${API}`, { body: { value: "x", attributes: { enabled: false } } });
    const got = await call("GET", `/secrets/off?${API}`);
    expect(got.status).toBe(403);
    expect(got.json.error).toEqual({ code: "Forbidden", message: "Operation get is not allowed on a disabled secret.",
      innererror: { code: "SecretDisabled" } });
    const versions = await call("GET", `/secrets/off/versions?${API}`);
    expect(versions.json.value[0].attributes.enabled).toBe(false);
  });

  it("refuses the value outside its nbf/exp window", async () => {
    const now = Math.floor(Date.now() / 1000);
    await call("PUT", `/secrets/expired?${API}`, { body: { value: "x", attributes: { exp: now - 60 } } });
    await call("PUT", `/secrets/future?${API}`, { body: { value: "x", attributes: { nbf: now + 3600 } } });
    const expired = await call("GET", `/secrets/expired?${API}`);
    expect([expired.status, expired.json.error.innererror.code]).toEqual([403, "SecretExpired"]);
    const future = await call("GET", `/secrets/future?${API}`);
    expect([future.status, future.json.error.innererror.code]).toEqual([403, "SecretNotYetValid"]);
    await call("PUT", `/secrets/window?${API}`, { body: { value: "ok", attributes: { nbf: now - 60, exp: now + 3600 } } });
    expect((await call("GET", `/secrets/window?${API}`)).json).toMatchObject({ value: "ok", attributes: { nbf: now - 60, exp: now + 3600 } });
  });

  it("updates attributes, tags and content type of the latest or a given version, never the value", async () => {
    const v1 = (await call("PUT", `/secrets/upd?${API}`, { body: { value: "one", tags: { t: "1" } } })).json;
    const v2 = (await call("PUT", `/secrets/upd?${API}`, { body: { value: "two" } })).json;
    const patched = await call("PATCH", `/secrets/upd/?${API}`, {
      body: { contentType: "application/json", attributes: { enabled: false }, tags: { env: "dev" }, value: "ignored" } });
    expect(patched.status).toBe(200);
    expect(patched.json).not.toHaveProperty("value");
    expect(patched.json).toMatchObject({ id: v2.id, contentType: "application/json", tags: { env: "dev" }, attributes: { enabled: false } });
    expect((await call("GET", `/secrets/upd?${API}`)).status).toBe(403);
    await call("PATCH", `/secrets/upd/${v2.id.split("/").pop()}?${API}`, { body: { attributes: { enabled: true } } });
    expect((await call("GET", `/secrets/upd?${API}`)).json).toMatchObject({ value: "two", contentType: "application/json" });
    const oldPatched = await call("PATCH", `/secrets/upd/${v1.id.split("/").pop()}?${API}`, { body: { tags: { t: "2" } } });
    expect(oldPatched.json).toMatchObject({ id: v1.id, tags: { t: "2" } });
    expect((await call("PATCH", `/secrets/nope-upd/?${API}`, { body: {} })).status).toBe(404);
  });
});

describe("soft delete, recover, purge", () => {
  it("deletes softly, blocks reuse with 409, recovers, and purges with 204", async () => {
    const set = (await call("PUT", `/secrets/gone?${API}`, { body: { value: "x", contentType: "c" } })).json;
    const deleted = await call("DELETE", `/secrets/gone?${API}`);
    expect(deleted.status).toBe(200);
    const d = deleted.json;
    expect(d).toMatchObject({ recoveryId: `${t.vault.url}deletedsecrets/gone`, id: set.id, contentType: "c" });
    expect(d).not.toHaveProperty("value");
    expect(d.scheduledPurgeDate - d.deletedDate).toBe(90 * 24 * 3600);

    expect((await call("GET", `/secrets/gone?${API}`)).status).toBe(404);
    const conflict = await call("PUT", `/secrets/GONE?${API}`, { body: { value: "y" } });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error).toMatchObject({ code: "Conflict", innererror: { code: "ObjectIsDeletedButRecoverable" } });

    expect((await call("GET", `/deletedsecrets/gone?${API}`)).json).toMatchObject({ recoveryId: d.recoveryId, deletedDate: d.deletedDate });
    const listed = await call("GET", `/deletedsecrets?${API}`);
    expect(listed.json.value.map((i: { recoveryId: string }) => i.recoveryId)).toContain(d.recoveryId);
    expect(listed.json.nextLink).toBeNull();

    const recovered = await call("POST", `/deletedsecrets/gone/recover?${API}`);
    expect(recovered.json).toMatchObject({ id: set.id });
    expect((await call("GET", `/secrets/gone?${API}`)).json.value).toBe("x");
    expect((await call("GET", `/deletedsecrets/gone?${API}`)).status).toBe(404);

    await call("DELETE", `/secrets/gone?${API}`);
    const purged = await call("DELETE", `/deletedsecrets/gone?${API}`);
    expect([purged.status, purged.text]).toEqual([204, ""]);
    expect((await call("GET", `/deletedsecrets/gone?${API}`)).status).toBe(404);
    expect((await call("PUT", `/secrets/gone?${API}`, { body: { value: "new life" } })).status).toBe(200);
  });

  it("answers 404 for deleting, recovering or purging what is not there", async () => {
    for (const [m, p] of [["DELETE", "/secrets/never"], ["POST", "/deletedsecrets/never/recover"], ["DELETE", "/deletedsecrets/never"]]) {
      const r = await call(m as string, `${p}?${API}`);
      expect([r.status, r.json.error.code]).toEqual([404, "SecretNotFound"]);
    }
  });
});

describe("validation", () => {
  const bad = async (path: string, body: unknown, field: RegExp, method = "PUT") => {
    const r = await call(method, `${path}?${API}`, { body });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("BadParameter");
    expect(r.json.error.message).toMatch(field);
  };
  it("enforces Azure's limits with a message naming the field", async () => {
    await bad("/secrets/v", {}, /'value'.*required/);
    await bad("/secrets/v", { value: "x".repeat(25_601) }, /'value'.*25600 bytes/);
    expect((await call("PUT", `/secrets/v?${API}`, { body: { value: "x".repeat(25_600) } })).status).toBe(200);
    await bad("/secrets/v", { value: "x", contentType: "c".repeat(256) }, /'contentType'.*255/);
    await bad("/secrets/v", { value: "x", tags: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, "v"])) }, /'tags'.*15 tags/);
    await bad("/secrets/v", { value: "x", tags: { ["n".repeat(257)]: "v" } }, /'tags'.*256/);
    await bad("/secrets/v", { value: "x", tags: { n: "v".repeat(257) } }, /'tags\.n'.*256/);
    await bad("/secrets/v", { value: "x", attributes: { exp: "tomorrow" } }, /'attributes\.exp'/);
    await bad("/secrets/v", { value: "x", attributes: { enabled: "yes" } }, /'attributes\.enabled'/);
    await bad("/secrets/v", { value: 12 }, /'value'.*string/);
    await bad("/secrets/v", { tags: [] }, /'tags'/, "PATCH");
    const name = await call("PUT", `/secrets/bad_name?${API}`, { body: { value: "x" } });
    expect([name.status, name.json.error.message]).toEqual([400, expect.stringMatching(/invalid name: bad_name/)]);
    expect((await call("PUT", `/secrets/${"a".repeat(128)}?${API}`, { body: { value: "x" } })).status).toBe(400);
    expect((await call("PUT", `/secrets/${"a".repeat(127)}?${API}`, { body: { value: "x" } })).status).toBe(200);
  });

  it("refuses bad JSON, huge bodies, bad api-versions, unknown paths and wrong methods", async () => {
    const json = await call("PUT", `/secrets/j?${API}`, { raw: "{\"value\":" });
    expect([json.status, json.json.error.message]).toEqual([400, "The request body is not valid JSON."]);
    const notUtf8 = await call("PUT", `/secrets/j?${API}`, { raw: Buffer.from([0x7b, 0x22, 0x76, 0x61, 0x6c, 0x75, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect([notUtf8.status, notUtf8.json.error.message]).toEqual([400, "The request body is not valid JSON."]);
    const huge = await call("PUT", `/secrets/j?${API}`, { raw: `{"value":"${"x".repeat(1_100_000)}"}` });
    expect([huge.status, huge.json.error.code]).toEqual([413, "RequestEntityTooLarge"]);
    const version = await call("GET", "/secrets?api-version=9.9");
    expect([version.status, version.json.error.message]).toEqual([400, expect.stringMatching(/version \(9\.9\) is not recognized/)]);
    expect((await call("GET", "/secrets")).status).toBe(400);
    const unknown = await call("GET", `/keys?${API}`);
    expect([unknown.status, unknown.json.error.code]).toEqual([404, "NotFound"]);
    const method = await call("POST", `/secrets/x?${API}`);
    expect([method.status, method.headers.allow]).toEqual([405, "GET, PUT, PATCH, DELETE"]);
  });
});
