import type { ApiProblem } from "@/lib/api/client";

/** Reading react-hook-form's nested errors and the server's field errors (any endpoint form). */

/** The first message in an error subtree: a secret reference's error may sit on the field or on one of its parts. */
export function firstErrorMessage(error: unknown): string | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const message = (error as { message?: unknown }).message;
  if (typeof message === "string" && message !== "") return message;
  for (const [key, child] of Object.entries(error)) {
    if (key === "ref" || key === "type" || key === "types") continue;
    const found = firstErrorMessage(child);
    if (found) return found;
  }
  return undefined;
}

export interface SplitProblem {
  /** Dotted path (as react-hook-form names fields) → message. */
  fieldErrors: { path: string; message: string }[];
  /** Messages for paths the form has no field for (e.g. `resourceVersion`). */
  otherErrors: string[];
}

/**
 * Splits a 400's `errors` (field path like `endpoints.0.authentication.username` → messages): paths under one of
 * the form's top-level fields go next to that field, any other goes to the message at the top.
 */
export function splitFieldErrors(problem: ApiProblem, formFields: ReadonlySet<string>): SplitProblem {
  const fieldErrors: SplitProblem["fieldErrors"] = [];
  const otherErrors: string[] = [];
  for (const [path, messages] of Object.entries(problem.errors)) {
    const message = messages.join(" ");
    if (formFields.has(path.split(".")[0]!)) fieldErrors.push({ path, message });
    else otherErrors.push(path ? `${path}: ${message}` : message);
  }
  return { fieldErrors, otherErrors };
}
