import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Who a pid is: its start time. A recorded pid alone could by now belong to an unrelated process (pids are reused);
 * a pid whose start time still matches the recorded one is the same process.
 */

/** The process's start time as an opaque string, or undefined when there is no such process (or it is a zombie). */
export function processStartTime(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const proc = fromProc(pid);
  if (proc !== null) return proc;
  return fromPs(pid);
}

/** True when `pid` runs and is the process that was recorded with `startTime`. */
export function isSameProcess(pid: number, startTime: string | undefined): boolean {
  const now = processStartTime(pid);
  return now !== undefined && (startTime === undefined || now === startTime);
}

/**
 * True while a live process is in group `pgid` (a group id is never reused while the group has members). Zombies
 * do not count: they hold no port and wait only for whoever reaps orphans.
 */
export function groupAlive(pgid: number): boolean {
  if (procMounted()) {
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const fields = statFields(Number(name));
      if (fields && fields[0] !== "Z" && fields[2] === String(pgid)) return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Linux: field 22 of /proc/<pid>/stat (clock ticks after boot); null when there is no /proc to ask. */
function fromProc(pid: number): string | undefined | null {
  if (!procMounted()) return null;
  const fields = statFields(pid);
  if (!fields || fields[0] === "Z") return undefined;      // a zombie holds no port and no file: as good as gone
  return fields[19];
}

/** /proc/<pid>/stat from field 3 (state) on: [0] state, [2] process group, [19] start time. */
function statFields(pid: number): string[] | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

let procChecked: boolean | undefined;
function procMounted(): boolean {
  if (procChecked === undefined) {
    try {
      readFileSync("/proc/self/stat");
      procChecked = true;
    } catch {
      procChecked = false;
    }
  }
  return procChecked;
}

/** macOS and other Unixes without /proc. */
function fromPs(pid: number): string | undefined {
  try {
    const out = execFileSync("ps", ["-o", "lstart=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}
