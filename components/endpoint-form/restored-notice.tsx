import { Alert } from "@/components/ui/alert";

/** After a sign-in redirect: the form's non-secret entries are back, its secret references are not. */
export function RestoredNotice({ testId }: { testId: string }) {
  return (
    <Alert tone="warning" title="Your entries are back" data-testid={testId}>
      What you entered was kept while you signed in again. Secret references are never kept in the browser:
      add them again before saving.
    </Alert>
  );
}
