import { z } from "zod";

/** `GET /api/instance`: the AIO instance the portal manages and the Key Vault it uses (shown in the header). */
export const instance = z.object({
  name: z.string(),
  namespace: z.string(),
  keyVault: z.object({ name: z.string(), url: z.string() }),
});
export type Instance = z.infer<typeof instance>;
