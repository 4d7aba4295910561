import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { needsBuild } from "./build-check";

let root: string;
const at = (path: string, secondsAgo: number) => {
  const t = new Date(Date.now() - secondsAgo * 1000);
  return utimes(join(root, path), t, t);
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "build-check-"));
  await mkdir(join(root, "app", "secrets"), { recursive: true });
  await writeFile(join(root, "app", "secrets", "page.tsx"), "export default 1");
  await writeFile(join(root, "package.json"), "{}");
  await at("app/secrets/page.tsx", 60);
  await at("package.json", 60);
});
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

async function build(secondsAgo: number) {
  await mkdir(join(root, ".next"), { recursive: true });
  await writeFile(join(root, ".next", "BUILD_ID"), "x");
  await at(".next/BUILD_ID", secondsAgo);
}

describe("needsBuild", () => {
  it("builds when there is no build yet", async () => {
    expect(await needsBuild(root)).toBe(true);
  });

  it("reuses a build newer than every source", async () => {
    await build(10);
    expect(await needsBuild(root)).toBe(false);
  });

  it("rebuilds when a nested source or a root config file changed after the build", async () => {
    await build(10);
    await at("app/secrets/page.tsx", 1);
    expect(await needsBuild(root)).toBe(true);
    await at("app/secrets/page.tsx", 60);
    await at("package.json", 1);
    expect(await needsBuild(root)).toBe(true);
  });
});
