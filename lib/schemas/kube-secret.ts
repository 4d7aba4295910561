import { z } from "zod";
import { kubeMetadata } from "@/lib/schemas/kube-metadata";

/**
 * A Kubernetes Secret as the portal may show it: its identity, labels, type, owner and the *names* of its keys.
 * There is deliberately no `data` anywhere, and no annotations: `kubectl.kubernetes.io/last-applied-configuration`
 * carries a copy of the whole `data`, so the adapter drops both as it reads them.
 */
export const kubeSecretOwner = z.object({ apiVersion: z.string(), kind: z.string(), name: z.string(), uid: z.string() });
export type KubeSecretOwner = z.infer<typeof kubeSecretOwner>;

export const kubeSecretMetadata = kubeMetadata.omit({ annotations: true, createdBy: true }).extend({
  type: z.string(),
  keys: z.array(z.string()),
  /** The first ownerReference (a SecretSync for a synced secret), or null. */
  owner: kubeSecretOwner.nullable(),
});
export type KubeSecretMetadata = z.infer<typeof kubeSecretMetadata>;
