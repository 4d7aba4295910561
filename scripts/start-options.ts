import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";

export const START_USAGE = `Usage: npm start [-- options]      (npm run dev = npm start -- --dev)
  --data-dir <dir>   where the local stack and the portal keep their state (default .data; env OPS_PORTAL_DATA_DIR)
  --dev              next dev with hot reload instead of a production build
  --free-ports       the stand-ins on free ports instead of 8444, 8443 and 6443 (a second stack beside the first)
Environment:
  PORT               the portal's port (default 3000)
  SYNC_INTERVAL      the sync controller's poll interval (default 120s)`;

export interface StartOptions {
  dataDir: string;
  dev: boolean;
  freePorts: boolean;
  port: number;
  help: boolean;
}

/**
 * npm start's options. A relative --data-dir is taken from the folder npm was started in (npm itself runs scripts in
 * the checkout's root and keeps that folder in INIT_CWD), as anyone typing a path in their shell expects.
 */
export function startOptions(argv: string[], env: Readonly<Record<string, string | undefined>>, root: string): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      "data-dir": { type: "string" },
      dev: { type: "boolean", default: false },
      "free-ports": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const given = values["data-dir"] ?? (env.OPS_PORTAL_DATA_DIR || undefined);
  const dataDir = given === undefined ? resolve(root, ".data")
    : isAbsolute(given) ? given : resolve(env.INIT_CWD ?? process.cwd(), given);
  return { dataDir, dev: values.dev, freePorts: values["free-ports"], port, help: values.help };
}
