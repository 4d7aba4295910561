import { describe, expect, it } from "vitest";
import { putSpc, SPC, spcObjects } from "@/server/testing/device-save-fixtures";
import { createFakeCluster } from "@/server/testing/fake-cluster";

describe("SecretProviderClass adapter: edits from a class read", () => {
  it("an edit that failed half-way leaves nothing behind for the next edit from the same read", async () => {
    const cluster = createFakeCluster({ defaultSpc: SPC });
    putSpc(cluster, SPC, ["kafka-user"]);
    const read = await cluster.kube.secretProviderClasses.get(SPC);

    // Adds one object, then meets a clash: refused, nothing written.
    await expect(cluster.kube.secretProviderClasses.editObjectsFrom(read, (_current, objects) => {
      objects.add({ objectName: "half-way", objectType: "secret" });
      objects.add({ objectName: "other", objectType: "secret", objectAlias: "kafka-user" });
      return {};
    })).rejects.toMatchObject({ status: 409 });
    expect(cluster.calls.filter((c) => c.startsWith("replace"))).toEqual([]);

    const done = await cluster.kube.secretProviderClasses.editObjectsFrom(read, (current, objects) => {
      expect(current.objects.map((o) => o.fileName)).toEqual(["kafka-user"]);
      objects.add({ objectName: "plc1-user", objectType: "secret" });
      return {};
    });
    expect(spcObjects(cluster)).toEqual(["kafka-user", "plc1-user"]);
    expect(done.added).toEqual(["plc1-user"]);
    expect(done.secretProviderClass.objects.map((o) => o.fileName)).toEqual(["kafka-user", "plc1-user"]);
    expect((await cluster.kube.secretProviderClasses.get(SPC)).objects.map((o) => o.fileName)).toEqual(["kafka-user", "plc1-user"]);
  });
});
