import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A grey placeholder bar; hidden from assistive technology (the surrounding region says "Loading"). */
export function Skeleton({ className, ...props }: ComponentProps<"span">) {
  return (
    <span
      aria-hidden="true"
      data-slot="skeleton"
      className={cn("block h-4 animate-pulse rounded bg-slate-200 motion-reduce:animate-none", className)}
      {...props}
    />
  );
}
