import type { Readable } from "node:stream";
import pinoPretty from "pino-pretty";

/**
 * Where the portal's stdout goes under `npm start`. The portal logs one JSON object per line (server/log.ts), which
 * log collectors want and people do not: in a terminal the lines are pretty-printed (time, level, message, fields);
 * anywhere else (a file, a pipe, CI) they pass through unchanged. Next's own plain-text lines pass either way.
 */
export function portalOutput(interactive: boolean): "inherit" | "pipe" {
  return interactive ? "pipe" : "inherit";
}

/** Pretty-prints what the portal writes to the pipe `portalOutput(true)` asked for. */
export function prettyPrint(stdout: Readable): void {
  stdout.pipe(pinoPretty({
    colorize: true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname",
    // Log lines come at a human pace: write each at once rather than buffered until exit.
    sync: true,
  }));
}
