import { z } from "zod";

/**
 * The AIO instance's settings the portal needs (ARM `Microsoft.IoTOperations/instances` properties, domain.md
 * §3.1): above all its default SecretProviderClass, which secret sync uses.
 */
export const instanceSettings = z.object({
  name: z.string(),
  namespace: z.string(),
  description: z.string().nullable(),
  /** Null when secret sync is not enabled (`az iot ops secretsync enable` sets it). */
  defaultSecretProviderClass: z.object({ name: z.string(), resourceId: z.string().nullable() }).nullable(),
  provisioningState: z.string().nullable(),
  version: z.string().nullable(),
});
export type InstanceSettings = z.infer<typeof instanceSettings>;
