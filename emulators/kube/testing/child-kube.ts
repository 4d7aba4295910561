// The Kubernetes stand-in in its own process, for crash tests (kill -9). Options come through the environment:
// KUBE_DATA_DIR, KUBE_TLS_KEY, KUBE_TLS_CERT (PEM), KUBE_TOKEN. Prints {"port":N} once it listens.
import { KINDS } from "../kinds";
import { startKubeServer } from "../server";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function main() {
  const kube = await startKubeServer({
    dataDir: env("KUBE_DATA_DIR"), tls: { key: env("KUBE_TLS_KEY"), cert: env("KUBE_TLS_CERT") },
    host: "127.0.0.1", port: 0, token: env("KUBE_TOKEN"), kinds: KINDS,
  });
  process.stdout.write(`${JSON.stringify({ port: kube.port })}\n`);
  process.on("SIGTERM", () => { void kube.stop().then(() => process.exit(0)); });
}

// The repo's .ts files load as CommonJS under tsx: no top-level await.
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
