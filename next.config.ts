import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Tests build into their own folder so `npm test` never rebuilds under a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // `next build` type-checks only the portal; tests, emulators and scripts are checked by `npm run typecheck`,
  // so a half-written test file never stops `npm start`.
  typescript: { tsconfigPath: "tsconfig.portal.json" },
  reactStrictMode: true,
  // The Azure and Kubernetes SDKs, undici (under client-node) and pino are Node libraries: load them at run time instead of bundling them.
  serverExternalPackages: ["@azure/identity", "@azure/keyvault-secrets", "@kubernetes/client-node", "pino", "undici"],
};

export default nextConfig;
