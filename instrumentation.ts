/**
 * Next.js calls `register()` once when the server starts, before it serves requests (not during `next build`).
 * The portal's configuration and the Azure SDKs are Node-only, so the edge runtime skips it. `NEXT_RUNTIME` is set
 * by Next itself, not by the operator, so reading it here goes around none of server/config/env.ts's checks.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPortalServer } = await import("@/server/startup");
  startPortalServer();
}
