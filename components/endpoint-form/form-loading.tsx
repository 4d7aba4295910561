import { Skeleton } from "@/components/ui/skeleton";

/** A form's place while what fills it loads. */
export function FormLoading({ label, testId }: { label: string; testId: string }) {
  return (
    <div role="status" data-testid={testId} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
      <span className="sr-only">{label}</span>
      <Skeleton className="w-1/3" /><Skeleton /><Skeleton className="w-2/3" /><Skeleton />
    </div>
  );
}
