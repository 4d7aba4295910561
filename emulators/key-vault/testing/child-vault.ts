// A vault in its own process, for crash tests (kill -9). Options come through the environment:
// KV_DATA_DIR, KV_TLS_KEY, KV_TLS_CERT (PEM), KV_ISSUER_JWK (public JWK of the test issuer). Prints {"port":N}.
import { startKeyVaultServer } from "../server";
import { AUTHORITY, hasRole, TENANT, tokenVerifier } from "./fixtures";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function main() {
  const vault = await startKeyVaultServer({
    dataDir: env("KV_DATA_DIR"), tls: { key: env("KV_TLS_KEY"), cert: env("KV_TLS_CERT") },
    host: "127.0.0.1", port: 0, vaultName: "crash-kv", tenantId: TENANT, authorityHost: AUTHORITY,
    verifyToken: await tokenVerifier(JSON.parse(env("KV_ISSUER_JWK"))), hasRole, seed: false,
  });
  process.stdout.write(`${JSON.stringify({ port: vault.port })}\n`);
  process.on("SIGTERM", () => { void vault.stop().then(() => process.exit(0)); });
}

// The repo's .ts files load as CommonJS under tsx: no top-level await.
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
