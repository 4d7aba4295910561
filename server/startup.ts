import "server-only";
import { ConfigError, getConfig } from "@/server/config/env";
import { log } from "@/server/log";
import { services } from "@/server/wiring";

/**
 * Runs once when the portal server starts (instrumentation.ts): a bad configuration stops it here, with one line
 * naming the variable, instead of at the first request; then the vault's name index starts filling.
 */
export function startPortalServer(): void {
  let config;
  try {
    config = getConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  log().info({ keyVaultUrl: config.keyVault.url, keyVault: config.keyVault.name, instance: config.instance.name,
    credential: config.azure.clientSecret ? "client-secret" : "default-azure-credential" }, "portal server starting");
  services().keyVaultSecrets.startIndex();
}
