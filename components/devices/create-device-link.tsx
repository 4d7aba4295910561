import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** "Create device", a link to the form's own URL (looks like the primary button). Shown to operators only. */
export function CreateDeviceLink({ className }: { className?: string }) {
  return (
    <Link
      href="/devices/new"
      data-testid="device-create"
      className={cn(
        "inline-flex items-center justify-center rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700",
        className,
      )}
    >
      Create device
    </Link>
  );
}
