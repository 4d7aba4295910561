// vitest stands this in for the `server-only` package, which throws outside React Server environments.
export {};
