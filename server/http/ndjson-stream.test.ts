import { describe, expect, it } from "vitest";
import { ndjsonStream } from "./ndjson-stream";

describe("ndjson stream", () => {
  it("writes one JSON line per event, is never compressed by a proxy or Next, and unsubscribes when it ends", async () => {
    let unsubscribed = false;
    let push: (e: { n: number }) => void = () => undefined;
    const response = ndjsonStream<{ n: number }>({ subscribe: (send) => { push = send; send({ n: 1 }); return () => { unsubscribed = true; }; },
      heartbeat: () => ({ n: 0 }), heartbeatMs: 20, maxMs: 60 });
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    push({ n: 2 });
    const text = await response.text();
    const lines = text.trim().split("\n").map((l) => JSON.parse(l) as { n: number });
    expect(lines.slice(0, 2)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(lines.slice(2).every((l) => l.n === 0)).toBe(true);
    expect(unsubscribed).toBe(true);
  });
});
