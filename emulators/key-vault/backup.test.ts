import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, startTestVault, type TestVault } from "./testing/fixtures";

let t: TestVault;
beforeAll(async () => { t = await startTestVault(); });
afterAll(async () => { await t.stop(); });

describe("backup and restore", () => {
  it("restores a purged secret with all its versions", async () => {
    const v1 = (await t.client.call("PUT", `/secrets/Saved?${API}`, { body: { value: "one", tags: { t: "1" } } })).json;
    const v2 = (await t.client.call("PUT", `/secrets/saved?${API}`, { body: { value: "two", contentType: "text/plain" } })).json;
    const backup = await t.client.call("POST", `/secrets/saved/backup?${API}`);
    expect(backup.status).toBe(200);
    expect(backup.json.value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect((await t.client.call("POST", `/secrets/saved/backup?${API}`, { as: "user" })).status).toBe(403);

    const conflict = await t.client.call("POST", `/secrets/restore?${API}`, { body: { value: backup.json.value } });
    expect([conflict.status, conflict.json.error.code]).toEqual([409, "Conflict"]);
    await t.client.call("DELETE", `/secrets/saved?${API}`);
    const deleted = await t.client.call("POST", `/secrets/restore?${API}`, { body: { value: backup.json.value } });
    expect(deleted.json.error.innererror.code).toBe("ObjectIsDeletedButRecoverable");
    await t.client.call("DELETE", `/deletedsecrets/saved?${API}`);

    const restored = await t.client.call("POST", `/secrets/restore?${API}`, { body: { value: backup.json.value } });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ id: v2.id, contentType: "text/plain" });
    expect(restored.json).not.toHaveProperty("value");
    expect((await t.client.call("GET", `/secrets/saved?${API}`)).json.value).toBe("two");
    expect((await t.client.call("GET", `/secrets/saved/${v1.id.split("/").pop()}?${API}`)).json).toMatchObject({ value: "one", tags: { t: "1" } });
  });

  it("refuses blobs it did not make and backups of missing secrets", async () => {
    for (const value of ["", "not-a-backup", Buffer.from('{"kind":"other"}').toString("base64url")]) {
      const r = await t.client.call("POST", `/secrets/restore?${API}`, { body: { value } });
      expect([r.status, r.json.error.code]).toEqual([400, "BadParameter"]);
    }
    expect((await t.client.call("POST", `/secrets/restore?${API}`, { body: {} })).json.error.message).toMatch(/'value'.*required/);
    expect((await t.client.call("POST", `/secrets/missing/backup?${API}`)).status).toBe(404);
  });

  it("still serves a secret named 'restore' or 'backup'", async () => {
    await t.client.call("PUT", `/secrets/restore?${API}`, { body: { value: "r" } });
    expect((await t.client.call("GET", `/secrets/restore?${API}`)).json.value).toBe("r");
    await t.client.call("PUT", `/secrets/backup?${API}`, { body: { value: "b" } });
    expect((await t.client.call("GET", `/secrets/backup/?${API}`)).json.value).toBe("b");
    const wrong = await t.client.call("DELETE", `/secrets/x/backup?${API}`);
    expect([wrong.status, wrong.headers.allow]).toEqual([405, "POST, GET, PATCH"]);
  });
});
