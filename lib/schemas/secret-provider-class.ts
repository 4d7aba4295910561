import { z } from "zod";
import { kubeMetadata } from "@/lib/schemas/kube-metadata";
import { spcObject } from "@/lib/schemas/spc-object";

/** A SecretProviderClass (secrets-store.csi.x-k8s.io/v1) with the Azure provider's parameters (domain.md §1). */
export const secretProviderClass = kubeMetadata.extend({
  provider: z.string().nullable(),
  keyVaultName: z.string().nullable(),
  tenantId: z.string().nullable(),
  /** Client id of the managed identity the sync controller uses (workload identity). */
  clientId: z.string().nullable(),
  objects: z.array(spcObject),
  /** Why `objects` could not be read (then `objects` is empty and the portal refuses to edit it); else null. */
  objectsProblem: z.string().nullable(),
});
export type SecretProviderClass = z.infer<typeof secretProviderClass>;
