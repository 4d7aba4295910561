import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A list page's "Create …": a link to the create form's own URL, looking like the primary button. Operators only. */
export function CreateLink({ href, testId, className, children }: { href: string; testId: string; className?: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className={cn(
        "inline-flex items-center justify-center rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700",
        className,
      )}
    >
      {children}
    </Link>
  );
}
