import { Button } from "@/components/ui/button";

interface PagerProps {
  page: number | null;
  rowsOnPage: number;
  pageSize: number;
  hasPrevious: boolean;
  nextCursor: string | null;
  busy: boolean;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}

export function Pager({ page, rowsOnPage, pageSize, hasPrevious, nextCursor, busy, onPrevious, onNext }: PagerProps) {
  const first = page === null ? null : (page - 1) * pageSize + 1;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4 py-3 text-sm" data-testid="kv-secrets-pager">
      <p className="text-slate-700" aria-live="polite" data-testid="kv-secrets-range">
        {rowsOnPage === 0
          ? null
          : first === null
            ? `${rowsOnPage} secrets on this page`
            : `Page ${page} · secrets ${first}–${first + rowsOnPage - 1}`}
      </p>
      <div className="flex gap-2">
        <Button onClick={onPrevious} disabled={!hasPrevious || busy} data-testid="kv-secrets-previous">
          ← Previous
        </Button>
        <Button
          onClick={() => nextCursor && onNext(nextCursor)}
          disabled={!nextCursor || busy}
          data-testid="kv-secrets-next"
        >
          Next →
        </Button>
      </div>
    </nav>
  );
}
