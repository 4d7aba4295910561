import "server-only";
import type { ProblemKind } from "@/lib/schemas/problem";
import { AppError } from "@/server/errors";

/**
 * Everything step 0 refuses, gathered, so one answer names every field at fault (the form shows each at its
 * field) instead of one problem per submit. The status is the weightiest among them.
 */
const WEIGHT: Partial<Record<ProblemKind, number>> = { forbidden: 3, conflict: 2, "bad-request": 1 };

export class Refusals {
  private readonly list: { kind: ProblemKind; message: string; paths: string[] }[] = [];

  add(kind: "bad-request" | "conflict" | "forbidden", message: string, paths: string | string[] = []): void {
    const at = Array.isArray(paths) ? paths : [paths];
    if (this.list.some((r) => r.message === message && r.paths.join() === at.join())) return;
    this.list.push({ kind, message, paths: at });
  }

  addError(err: AppError, paths: string | string[] = []): void {
    const kind = err.kind === "forbidden" || err.kind === "conflict" ? err.kind : "bad-request";
    this.add(kind, err.detail, paths);
  }

  get count(): number {
    return this.list.length;
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    const first = [...this.list].sort((a, b) => (WEIGHT[b.kind] ?? 0) - (WEIGHT[a.kind] ?? 0))[0]!;
    const errors: Record<string, string[]> = {};
    for (const r of this.list) {
      for (const p of r.paths) {
        const messages = (errors[p] ??= []);
        if (!messages.includes(r.message)) messages.push(r.message);
      }
    }
    const more = this.list.length - 1;
    const detail = more === 0 ? first.message
      : `${first.message} (and ${more} more ${more === 1 ? "problem" : "problems"}: see the fields)`;
    throw new AppError(first.kind, detail, Object.keys(errors).length > 0 ? { errors } : {});
  }
}
