import type { IncomingMessage } from "node:http";
import { Agent, request } from "node:https";
import { describe, expect, it } from "vitest";
import { startTestKube, TEST_TOKEN } from "./testing/kube-fixtures";

describe("watch memory bound", () => {
  it("cuts off a watcher that stops reading instead of buffering without limit", async () => {
    const t = await startTestKube();
    try {
      await t.namespace("slow");
      const store = t.kube.store;
      await store.create("configmaps", { metadata: { name: "big", namespace: "slow" }, data: { v: "0" } });
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = request(new URL(`/api/v1/namespaces/slow/configmaps?watch=true&resourceVersion=${store.resourceVersion}`, t.kube.url),
          { headers: { authorization: `Bearer ${TEST_TOKEN}` }, agent: new Agent({ ca: t.tls.ca }) }, resolve);
        req.on("error", reject);
        req.end();
      });
      res.pause();                                              // a client that stops reading
      const pad = "x".repeat(200_000);
      const updates = 120;                                      // ~24 MB of events, far above the 8 MiB bound
      for (let i = 1; i <= updates; i++) {
        const cur = store.mustGet("configmaps", "slow", "big");
        await store.update("configmaps", { ...cur, data: { v: String(i), pad: `${i}${pad}` } });
      }
      // Reading again: a cut-off stream ends early; an unbounded one would deliver every event and stay open.
      let text = "";
      const outcome = new Promise<string>((resolve) => {
        res.on("data", (c: Buffer) => { text += c.toString("utf8"); });
        res.on("end", () => resolve("ended"));
        res.on("error", () => resolve("ended"));
        res.on("close", () => resolve("ended"));
        setTimeout(() => resolve("still open"), 10_000);
      });
      res.resume();
      expect(await outcome).toBe("ended");
      expect(text.split("\n").filter((l) => l.startsWith("{")).length).toBeLessThan(updates);
    } finally {
      await t.stop();
    }
  });
});
