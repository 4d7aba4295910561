import "server-only";
import { mkdir, open, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { auditRecord } from "@/lib/schemas/audit";
import { createActivityIndex } from "./activity-index";
import type { AuditLog } from "./audit-log";

/**
 * The local audit store: one JSON object per line, each append fsync'd before it resolves, so an acknowledged entry
 * survives a crash or `kill -9` (a write's intent is acknowledged before the write runs; server/http/route.ts). A
 * torn last line (a crash mid-append) is skipped when read and never glued to the next entry. Entries are kept in
 * memory and the file is read incrementally (only the bytes appended since the last look, e.g. by another process),
 * so listing stays cheap as the log grows. Lines of every shape the log has had are read (lib/schemas/audit.ts,
 * auditRecord).
 */
export function createFileAuditLog(file: string, onBadLine?: (lineNo: number) => void): AuditLog {
  const index = createActivityIndex();
  let readBytes = 0; // bytes of the file consumed into `index` (always at a line boundary)
  let lineNo = 0;
  let dirSynced = false;
  let tail: Promise<unknown> = Promise.resolve();

  /** One operation at a time: appends and reads never interleave. */
  function serial<T>(op: () => Promise<T>): Promise<T> {
    const run = tail.then(op, op);
    tail = run.catch(() => undefined);
    return run;
  }

  async function catchUp(): Promise<void> {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    if (size < readBytes) { // replaced or truncated by hand: read it afresh
      index.clear();
      readBytes = 0;
      lineNo = 0;
    }
    if (size === readBytes) return;
    const fh = await open(file, "r");
    try {
      const buf = Buffer.alloc(size - readBytes);
      const { bytesRead } = await fh.read(buf, 0, buf.length, readBytes);
      const text = buf.subarray(0, bytesRead).toString("utf8");
      const end = text.lastIndexOf("\n");
      if (end < 0) return; // only a partial line so far
      for (const line of text.slice(0, end).split("\n")) {
        lineNo++;
        if (line.trim() === "") continue;
        const parsed = safeJson(line);
        const record = parsed === undefined ? undefined : auditRecord.safeParse(parsed);
        if (record?.success) index.add(record.data);
        else onBadLine?.(lineNo);
      }
      readBytes += Buffer.byteLength(text.slice(0, end + 1), "utf8");
    } finally {
      await fh.close();
    }
  }

  return {
    append: (record) =>
      serial(async () => {
        await catchUp();
        await mkdir(dirname(file), { recursive: true, mode: 0o700 });
        const fh = await open(file, "a+", 0o600);
        try {
          const { size } = await fh.stat();
          // A torn line from a crash has no newline: start ours on a fresh line so both stay parseable.
          let lead = "";
          if (size > 0) {
            const last = Buffer.alloc(1);
            await fh.read(last, 0, 1, size - 1);
            if (last[0] !== 0x0a) lead = "\n";
          }
          await fh.appendFile(`${lead}${JSON.stringify(auditRecord.parse(record))}\n`, "utf8");
          await fh.sync();
        } finally {
          await fh.close();
        }
        if (!dirSynced) { // a new file's directory entry must be durable too
          const dir = await open(dirname(file), "r");
          await dir.sync().finally(() => dir.close());
          dirSynced = true;
        }
        await catchUp();
      }),

    list: (input) => serial(async () => {
      await catchUp();
      return index.page(input);
    }),
  };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
