import { describe, expect, it } from "vitest";
import type { KubeWatcher } from "./connection";
import { createInformer, type InformerPage } from "./informer";

type Raw = { metadata: { name: string; resourceVersion: string }; data?: Record<string, string> };
const obj = (name: string, rv: string, data?: Record<string, string>): Raw => ({ metadata: { name, resourceVersion: rv }, ...(data && { data }) });

/** A watch the test drives: `emit` events, `end` it (as the server's timeout does) or fail it. */
function fakeWatcher() {
  const watches: { query: Record<string, unknown>; emit(type: string, o: unknown): void; end(err?: unknown): void; aborted: boolean }[] = [];
  const watcher: KubeWatcher = {
    async watch(_path, query, onEvent, onDone) {
      const w = { query, aborted: false, emit: onEvent, end: (err: unknown = null) => onDone(err) };
      watches.push(w);
      return { abort: () => { w.aborted = true; } };
    },
  };
  return { watcher, watches };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("informer (list + watch)", () => {
  it("lists once (paged), then serves from memory as watch events arrive; no call per read once warm", async () => {
    const { watcher, watches } = fakeWatcher();
    const pages: InformerPage[] = [{ items: [obj("b", "5"), obj("a", "5")], resourceVersion: "10", next: "p2" },
      { items: [obj("c", "5")], resourceVersion: "11" }];
    let lists = 0;
    const informer = createInformer({ kind: "Thing", path: "/x", listPage: async () => pages[lists++]!,
      view: (raw) => ({ name: (raw as Raw).metadata.name, rv: (raw as Raw).metadata.resourceVersion }) }, { watcher });
    expect((await informer.items()).map((i) => i.name)).toEqual(["a", "b", "c"]);
    expect(watches[0]!.query).toMatchObject({ resourceVersion: "10", allowWatchBookmarks: true });
    let changes = 0;
    informer.onChange(() => changes++);
    watches[0]!.emit("MODIFIED", obj("a", "12"));
    watches[0]!.emit("ADDED", obj("d", "13"));
    watches[0]!.emit("DELETED", obj("b", "14"));
    watches[0]!.emit("BOOKMARK", { metadata: { resourceVersion: "20" } });
    expect((await informer.items()).map((i) => `${i.name}@${i.rv}`)).toEqual(["a@12", "c@5", "d@13"]);
    expect(changes).toBe(3);
    const calls = informer.calls;
    for (let i = 0; i < 10; i++) await informer.items();
    expect(informer.calls).toBe(calls);
    // The server closes the watch: it resumes from the last resourceVersion (the bookmark's).
    watches[0]!.end();
    expect(watches[1]!.query).toMatchObject({ resourceVersion: "20" });
    informer.stop();
  });

  it("lists afresh when the watch's resourceVersion is too old (410), and ignores a replaced watch's events", async () => {
    const { watcher, watches } = fakeWatcher();
    let lists = 0;
    const informer = createInformer({ kind: "Thing", path: "/x",
      listPage: async () => ({ items: lists++ === 0 ? [obj("a", "1")] : [obj("z", "30")], resourceVersion: String(lists * 100) }),
      view: (raw) => ({ name: (raw as Raw).metadata.name }) }, { watcher });
    await informer.items();
    watches[0]!.emit("ERROR", { kind: "Status", code: 410 });
    watches[0]!.end();
    await tick();
    expect(lists).toBe(2);
    expect((await informer.items()).map((i) => i.name)).toEqual(["z"]);
    expect(watches[1]!.query).toMatchObject({ resourceVersion: "200" });
    watches[0]!.emit("ADDED", obj("ghost", "1"));
    expect((await informer.items()).map((i) => i.name)).toEqual(["z"]);
    informer.stop();
  });

  it("keeps only the view: a Secret's values never reach memory", async () => {
    const { watcher, watches } = fakeWatcher();
    const informer = createInformer({ kind: "Secret", path: "/s",
      listPage: async () => ({ items: [obj("s", "1", { password: "c2VjcmV0" })], resourceVersion: "1" }),
      view: (raw) => ({ name: (raw as Raw).metadata.name, keys: Object.keys((raw as Raw).data ?? {}) }) }, { watcher });
    await informer.items();
    watches[0]!.emit("MODIFIED", obj("s", "2", { password: "bmV3" }));
    expect(JSON.stringify(await informer.items())).not.toMatch(/c2VjcmV0|bmV3/);
    informer.stop();
  });

  it("rejects when the first list fails, and lists again on the next read", async () => {
    const { watcher } = fakeWatcher();
    let fail = true;
    const informer = createInformer({ kind: "Thing", path: "/x", listPage: async () => {
      if (fail) throw new Error("forbidden");
      return { items: [obj("a", "1")], resourceVersion: "1" };
    }, view: (raw) => ({ name: (raw as Raw).metadata.name }) }, { watcher });
    await expect(informer.items()).rejects.toThrow("forbidden");
    fail = false;
    expect((await informer.items()).map((i) => i.name)).toEqual(["a"]);
    informer.stop();
  });
});
