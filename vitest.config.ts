import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `server-only` throws outside React Server environments; unit tests import server/ modules directly.
    alias: { "server-only": new URL("./server/testing/server-only-stub.ts", import.meta.url).pathname },
  },
  test: {
    // Vitest's default on 2 cores is one worker (cores − 1); the unit and DOM files spend much of their time waiting
    // (imports, timers, child processes), so two run side by side in less wall time. The stand-in project stays serial.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", environment: "node",
        include: ["{lib,server,scripts}/**/*.test.ts"], exclude: [...configDefaults.exclude, "**/*.stack.test.ts"] } },
      { extends: true, test: { name: "dom", environment: "jsdom",
        include: ["{lib,components}/**/*.test.tsx"] } },
      // Stand-in conformance: real clients (Azure SDKs, Python, kubectl) against the local stack; and portal
      // adapters against the stack run as a child process (`server/**/*.stack.test.ts`).
      { extends: true, test: { name: "stack", environment: "node",
        include: ["emulators/**/*.test.ts", "server/**/*.stack.test.ts"],
        testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } },
    ],
  },
});
