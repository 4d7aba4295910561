import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import pluginQuery from "@tanstack/eslint-plugin-query";

const SDKS = {
  paths: [{ name: "@kubernetes/client-node", message: "Only server/adapters may talk to the cluster SDK." }],
  patterns: [
    { group: ["@azure/*", "!@azure/msal-browser", "!@azure/msal-react"],
      message: "Only server/adapters may import the Azure SDKs (MSAL in the browser excepted)." },
  ],
};
const NO_EMULATORS = { group: ["**/emulators/**", "@/emulators/**"], message: "Portal code never imports the local stack." };
const NO_SERVER = { group: ["**/server/**", "@/server/**", "server-only"], message: "lib/ and components/ are isomorphic: never import server/." };

const config = [
  ...nextVitals,
  ...nextTs,
  ...pluginQuery.configs["flat/recommended"],
  {
    ignores: ["node_modules/**", ".next/**", ".next-*/**", ".data/**", "test-results/**", "playwright-report/**",
      "e2e-artifacts/**", "next-env.d.ts", "bench/results/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Portal code: no SDKs outside server/adapters, never the emulators.
  {
    files: ["app/**", "server/**", "scripts/**", "e2e/**", "bench/**"],
    ignores: ["server/adapters/**"],
    rules: { "no-restricted-imports": ["error", { ...SDKS, patterns: [...SDKS.patterns, NO_EMULATORS] }] },
  },
  {
    files: ["server/adapters/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_EMULATORS] }] },
  },
  {
    files: ["lib/**", "components/**"],
    rules: { "no-restricted-imports": ["error", { ...SDKS, patterns: [...SDKS.patterns, NO_EMULATORS, NO_SERVER] }] },
  },
  // The local stack never imports portal code (it must stand in for Azure and Kubernetes, not share our types).
  {
    files: ["emulators/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["**/app/**", "**/components/**", "**/lib/**", "**/server/**", "@/*"],
          message: "emulators/ is independent of the portal." },
      ] }],
    },
  },
  // The stand-ins replace the services the SDKs talk to, so they never use those SDKs themselves; only the
  // conformance tests do, as the real clients that judge them.
  {
    files: ["emulators/**"],
    ignores: ["emulators/conformance/**", "emulators/**/*.test.ts", "emulators/**/testing/**"],
    rules: {
      "no-restricted-imports": ["error", { ...SDKS, patterns: [...SDKS.patterns,
        { group: ["**/app/**", "**/components/**", "**/lib/**", "**/server/**", "@/*"],
          message: "emulators/ is independent of the portal." }] }],
    },
  },
];
export default config;
