import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, startTestVault, type TestVault } from "./testing/fixtures";

let t: TestVault;
const NAMES = Array.from({ length: 60 }, (_, i) => `page-${String(i).padStart(2, "0")}`);

beforeAll(async () => {
  t = await startTestVault();
  await Promise.all(NAMES.map((n) => t.client.call("PUT", `/secrets/${n}?${API}`, { body: { value: `value-of-${n}`, tags: { n } } })));
});
afterAll(async () => { await t.stop(); });

/** Follows nextLink exactly as returned, as the SDKs do; returns every page. */
async function allPages(first: string) {
  const pages: { value: { id: string; value?: string }[]; nextLink: string | null }[] = [];
  let link: string | null = first;
  for (let i = 0; link && i < 100; i++) {
    const r = await t.client.call("GET", link.startsWith("https://") ? link.slice(t.vault.url.length - 1) : link);
    expect(r.status).toBe(200);
    pages.push(r.json);
    if (r.json.nextLink) expect(r.json.nextLink.startsWith(`${t.vault.url}`)).toBe(true);
    link = r.json.nextLink;
  }
  return pages;
}

describe("list secrets", () => {
  it("pages 60 secrets as 25 + 25 + 10 with an absolute nextLink, null on the last page", async () => {
    const pages = await allPages(`/secrets?${API}`);
    expect(pages.map((p) => p.value.length)).toEqual([25, 25, 10]);
    expect(pages[0]?.nextLink).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/secrets\?api-version=7\.6&\$skiptoken=[\w-]+$/);
    expect(pages[2]?.nextLink).toBeNull();
    const ids = pages.flatMap((p) => p.value.map((i) => i.id));
    expect(ids).toEqual(NAMES.map((n) => `${t.vault.url}secrets/${n}`));
    expect(pages.flatMap((p) => p.value).some((i) => "value" in i)).toBe(false);
  });

  it("honours maxresults and carries it in nextLink", async () => {
    const pages = await allPages(`/secrets?maxresults=7&${API}`);
    expect(pages.map((p) => p.value.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
    expect(pages[0]?.nextLink).toContain("maxresults=7");
  });

  it("refuses maxresults outside 1..25 and a forged skiptoken", async () => {
    for (const m of ["0", "26", "-1", "abc", "2.5"]) {
      const r = await t.client.call("GET", `/secrets?maxresults=${m}&${API}`);
      expect([r.status, r.json.error.code], m).toEqual([400, "BadParameter"]);
      expect(r.json.error.message).toContain("maxresults");
    }
    const forged = await t.client.call("GET", `/secrets?$skiptoken=garbage&${API}`);
    expect([forged.status, forged.json.error.message]).toEqual([400, expect.stringContaining("$skiptoken")]);
  });

  it("does not skip or repeat names when secrets are added between pages", async () => {
    const first = await t.client.call("GET", `/secrets?maxresults=10&${API}`);
    await t.client.call("PUT", `/secrets/aaa-added-late?${API}`, { body: { value: "x" } });
    const rest = await allPages(first.json.nextLink.slice(t.vault.url.length - 1));
    const ids = [...first.json.value, ...rest.flatMap((p) => p.value)].map((i: { id: string }) => i.id.split("/").pop());
    expect(ids.filter((n) => n?.startsWith("page-"))).toEqual(NAMES);
    await t.client.call("DELETE", `/secrets/aaa-added-late?${API}`);
    await t.client.call("DELETE", `/deletedsecrets/aaa-added-late?${API}`);
  });
});

describe("list versions and deleted secrets", () => {
  it("pages the versions of a secret, ids with versions", async () => {
    for (let i = 0; i < 6; i++) await t.client.call("PUT", `/secrets/many-versions?${API}`, { body: { value: `v${i}` } });
    const pages = await allPages(`/secrets/many-versions/versions?maxresults=4&${API}`);
    expect(pages.map((p) => p.value.length)).toEqual([4, 2]);
    for (const item of pages.flatMap((p) => p.value)) {
      expect(item.id).toMatch(/\/secrets\/many-versions\/[0-9a-f]{32}$/);
      expect(item).not.toHaveProperty("value");
    }
    const unknown = await t.client.call("GET", `/secrets/no-such/versions?${API}`);
    expect([unknown.status, unknown.json]).toEqual([200, { value: [], nextLink: null }]);
  });

  it("pages deleted secrets", async () => {
    for (const n of NAMES.slice(0, 30)) await t.client.call("DELETE", `/secrets/${n}?${API}`);
    const pages = await allPages(`/deletedsecrets?${API}`);
    expect(pages.map((p) => p.value.length)).toEqual([25, 5]);
    const remaining = await allPages(`/secrets?${API}`);
    expect(remaining.flatMap((p) => p.value).filter((i) => i.id.includes("/page-"))).toHaveLength(30);
  });
});
