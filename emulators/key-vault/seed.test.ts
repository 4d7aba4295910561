import { X509Certificate } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPCUA_TRUSTED_CERT } from "./seed";
import { API, startTestVault, type TestVault } from "./testing/fixtures";

let t: TestVault;
let restarted: TestVault | undefined;
beforeAll(async () => { t = await startTestVault({ seed: true }); });
afterAll(async () => {
  await (restarted ?? t).stop();
  await rm(t.dataDir, { recursive: true, force: true });
});

describe("demo seed", () => {
  it("holds the instance's demo secrets, one disabled and one expiring within 7 days", async () => {
    const list = await t.client.call("GET", `/secrets?${API}`);
    const items = list.json.value as { id: string; contentType?: string; attributes: { enabled: boolean; exp?: number }; tags?: object }[];
    const names = items.map((i) => i.id.split("/").pop());
    expect(names).toEqual(expect.arrayContaining(["mqtt-broker-username", "mqtt-broker-password", "opcua-server-cert"]));
    expect(items.filter((i) => !i.attributes.enabled)).toHaveLength(1);
    const now = Date.now() / 1000;
    expect(items.filter((i) => i.attributes.exp !== undefined && i.attributes.exp > now && i.attributes.exp < now + 7 * 86400)).toHaveLength(1);
    expect(items.find((i) => i.id.endsWith("/opcua-server-cert"))?.contentType).toBe("application/pkix-cert");
    expect(items.filter((i) => i.tags && Object.keys(i.tags).length > 0).length).toBeGreaterThanOrEqual(3);
  });

  it("holds a CA certificate as az iot ops connector opcua trust uploads it: DER as hex text", async () => {
    const got = await t.client.call("GET", `/secrets/${OPCUA_TRUSTED_CERT.secretName}?${API}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ contentType: "application/pkix-cert", tags: { "file-encoding": "hex" } });
    expect(got.json.value).toMatch(/^([0-9a-f]{2})+$/);
    const cert = new X509Certificate(Buffer.from(got.json.value as string, "hex"));
    expect([cert.subject, cert.ca]).toEqual(["CN=Contoso Root CA", true]);
    expect(got.json.value.length / 2).toBeLessThan(1024);
  });

  it("uses random values and does not seed again on a restart", async () => {
    const password = (await t.client.call("GET", `/secrets/mqtt-broker-password?${API}`)).json.value as string;
    expect(password.length).toBeGreaterThanOrEqual(20);
    await t.client.call("DELETE", `/secrets/mqtt-broker-password?${API}`);
    await t.vault.stop();
    restarted = await startTestVault({ seed: true, dataDir: t.dataDir, issuer: t.issuer });
    expect((await restarted.client.call("GET", `/secrets/mqtt-broker-password?${API}`)).status).toBe(404);
    expect((await restarted.client.call("GET", `/deletedsecrets/mqtt-broker-password?${API}`)).status).toBe(200);
  });
});
