/**
 * Preload (`node --import scripts/exit-with-parent.ts …`) for the processes `npm start` spawns that are not ours to
 * edit: `next start`, `next dev` and `next build`. Their stdin is a pipe from `npm start`; when it closes, `npm start`
 * is gone (a kill -9 included, which no signal handler sees), so this process stops its whole process group (next dev
 * has a server child and workers) instead of holding the port for the next `npm start`. The local stack does the
 * same by itself (emulators/main.ts, --stop-on-stdin-close).
 *
 * Only the process `npm start` spawned acts: the variable is removed at once, so the children Next forks with this
 * same preload (whose stdin is something else, perhaps already at its end) do nothing.
 *
 * A script, not a module (no import/export): Node runs it by stripping its types without the "module type not
 * specified" warning a module syntax file in this CommonJS package would print in every Next process.
 */
{
  const VARIABLE = "OPS_PORTAL_EXIT_WITH_PARENT";
  const GRACE_MS = 5000;

  if (process.env[VARIABLE] === "1") {
    delete process.env[VARIABLE];
    let stopping = false;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-process.pid, signal);  // we lead our group (spawned detached): Next and all it started
      } catch {
        process.kill(process.pid, signal);   // not a group leader: at least ourselves
      }
    };
    const stop = () => {
      if (stopping) return;
      stopping = true;
      // SIGTERM lets Next close its server; what still runs after the grace period is killed.
      setTimeout(() => signalGroup("SIGKILL"), GRACE_MS);
      signalGroup("SIGTERM");
    };
    // Never reading anything, only waiting for the end; unref'd so that `next build` still exits when it is done.
    process.stdin.on("end", stop).on("close", stop).on("error", stop).resume();
    (process.stdin as { unref?: () => void }).unref?.();
  }
}
