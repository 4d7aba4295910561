import { cp, mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, parse, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");

/**
 * A throwaway checkout for tests of `npm start` itself (how it starts, records and stops its processes): this
 * checkout's scripts/ and emulators/ as they are, the real `next` (node_modules is linked), but a one-route portal
 * (`GET /api/health`). The real portal's build takes minutes on two cores and, in this checkout, would rewrite
 * tsconfig and next-env.d.ts for a new build folder; the one-route app builds in seconds in its own folder, and
 * `next start` / `next dev` still run as Next's own processes, which is what these tests are about.
 */
export async function npmStartFixture(): Promise<{ root: string; dataDir: string; base: string }> {
  const base = await mkdtemp(join(tmpdir(), "npm-start-"));
  const root = join(base, "checkout");
  const notTests = (src: string) => !/\.test\.tsx?$/.test(src);
  await cp(join(ROOT, "scripts"), join(root, "scripts"), { recursive: true, filter: notTests });
  await cp(join(ROOT, "emulators"), join(root, "emulators"), { recursive: true, filter: notTests });
  await symlink(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
  await writeFile(join(root, "package.json"), JSON.stringify({ name: "npm-start-fixture", private: true }));
  // Turbopack compiles only files under its root: widen it so that it reaches the linked node_modules.
  const common = parse(root).root;
  await writeFile(join(root, "next.config.mjs"),
    `export default { turbopack: { root: ${JSON.stringify(common)} }, outputFileTracingRoot: ${JSON.stringify(common)} };\n`);
  await mkdir(join(root, "app", "api", "health"), { recursive: true });
  await writeFile(join(root, "app", "api", "health", "route.js"),
    `export const dynamic = "force-dynamic";\nexport function GET() { return Response.json({ ok: true }); }\n`);
  return { root, dataDir: join(base, "data"), base };
}
