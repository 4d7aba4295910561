/**
 * Child process of bench/key-vault.ts: times the first page of the vault straight through the Azure SDK, via the
 * portal's adapter (the repo's only SDK user; a thin wrapper over `listPropertiesOfSecrets().byPage()`).
 * Run with `--conditions=react-server` so `server-only` loads outside Next. Env: the portal's env (portalEnv).
 * Prints one JSON line: { coldMs, warmMs: number[] }.
 */
import { createKeyVaultAdapter } from "@/server/adapters/key-vault";
import { parseConfig } from "@/server/config/env";

const runs = Number(process.argv[2] ?? 20);

async function firstPageMs(adapter: ReturnType<typeof createKeyVaultAdapter>): Promise<number> {
  const started = performance.now();
  const pages = adapter.secretPages(25);
  const first = await pages.next();
  if (first.done || first.value.length === 0) throw new Error("the vault's first page is empty");
  await pages.return?.(undefined);
  return performance.now() - started;
}

async function main() {
  const adapter = createKeyVaultAdapter(parseConfig(process.env));
  const coldMs = await firstPageMs(adapter); // includes the challenge round trip and the token
  const warmMs: number[] = [];
  for (let i = 0; i < runs; i++) warmMs.push(await firstPageMs(adapter));
  process.stdout.write(JSON.stringify({ coldMs, warmMs }) + "\n");
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
