import { execFileSync } from "node:child_process";
import { readEndpoints } from "./endpoints";

/** kubectl against the local stack's Kubernetes stand-in (its kubeconfig's context namespace is the instance's). */
export function kubectl(args: string[], input?: string): string {
  return execFileSync("kubectl", ["--kubeconfig", readEndpoints().kubeconfig, ...args],
    { input, encoding: "utf8", timeout: 30_000, stdio: ["pipe", "pipe", "pipe"] });
}

/** A SecretSync as another tool would write it: with or without the portal's managed-by label. */
export function createSecretSync(name: string, o: { secretProviderClassName: string; managedByPortal: boolean }): void {
  const manifest = {
    apiVersion: "secret-sync.x-k8s.io/v1alpha1",
    kind: "SecretSync",
    metadata: { name, ...(o.managedByPortal && { labels: { "app.kubernetes.io/managed-by": "ops-portal" } }) },
    spec: {
      secretProviderClassName: o.secretProviderClassName,
      serviceAccountName: "aio-ssc-sa",
      secretObject: { type: "Opaque", data: [{ sourcePath: "kafka-sasl-username", targetKey: "username" }] },
    },
  };
  kubectl(["create", "-f", "-"], JSON.stringify(manifest));
}
