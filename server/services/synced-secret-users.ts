import "server-only";
import type { DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import type { DeviceSpec } from "@/lib/schemas/device";
import type { SyncedSecretUser } from "@/lib/schemas/synced-secret-list";

/** One reference found in a Device or DataflowEndpoint, keyed by the synced secret (Secret) it names. */
export interface FoundReference {
  secretName: string;
  user: SyncedSecretUser;
}

/**
 * A Device's inbound endpoints name `<synced secret>/<key>` in their authentication and trust settings
 * (domain.md §3.2); the part before the first `/` is the synced secret.
 */
export function deviceReferences(name: string, spec: DeviceSpec): FoundReference[] {
  const found: FoundReference[] = [];
  for (const [endpoint, inbound] of Object.entries(spec.endpoints?.inbound ?? {})) {
    const auth = inbound.authentication;
    const refs: [string, string | undefined][] = [
      ["username", auth?.usernamePasswordCredentials?.usernameSecretName],
      ["password", auth?.usernamePasswordCredentials?.passwordSecretName],
      ["certificate", auth?.x509Credentials?.certificateSecretName],
      ["private key", auth?.x509Credentials?.keySecretName],
      ["intermediate certificates", auth?.x509Credentials?.intermediateCertificatesSecretName],
      ["trust list", inbound.trustSettings?.trustList],
    ];
    for (const [what, ref] of refs) {
      if (!ref) continue;
      const slash = ref.indexOf("/");
      const secretName = slash < 0 ? ref : ref.slice(0, slash);
      const key = slash < 0 ? null : ref.slice(slash + 1);
      found.push({ secretName, user: { kind: "Device", name, via: `inbound endpoint '${endpoint}' · ${what}`, key } });
    }
  }
  return found;
}

/**
 * A DataflowEndpoint names a whole Secret as `secretRef` inside its one `<type>Settings` block (domain.md §3.3).
 * The spec is walked rather than read at fixed paths, so every endpoint type and method (and future ones) counts.
 */
export function dataflowEndpointReferences(name: string, spec: DataflowEndpointSpec): FoundReference[] {
  const found: FoundReference[] = [];
  const walk = (value: unknown, path: string[], depth: number): void => {
    if (depth > 12 || value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "secretRef" && typeof child === "string" && child !== "") {
        found.push({ secretName: child,
          user: { kind: "DataflowEndpoint", name, via: path.join(".") || "spec", key: null } });
      } else {
        walk(child, Array.isArray(value) ? path : [...path, key], depth + 1);
      }
    }
  };
  walk(spec, [], 0);
  return found;
}
