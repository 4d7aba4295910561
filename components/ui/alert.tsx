import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  info: "border-blue-200 bg-blue-50 text-blue-900",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  danger: "border-red-300 bg-red-50 text-red-900",
} as const;

type AlertProps = Omit<ComponentProps<"div">, "title"> & {
  tone?: keyof typeof TONES;
  title: ReactNode;
  /** "alert" interrupts a screen reader (errors); "status" waits politely (progress). */
  role?: "alert" | "status";
};

export function Alert({ tone = "info", title, role = "status", className, children, ...props }: AlertProps) {
  return (
    <div role={role} data-slot="alert" className={cn("rounded-md border px-4 py-3 text-sm", TONES[tone], className)} {...props}>
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-1">{children}</div> : null}
    </div>
  );
}
