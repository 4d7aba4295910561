import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names; a later Tailwind utility overrides an earlier one of the same property (e.g. a caller's
 * `bg-slate-800` over a variant's `bg-white`), which plain concatenation leaves to stylesheet order. */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
