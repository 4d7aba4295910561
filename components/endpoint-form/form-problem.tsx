import { isApiProblem } from "@/lib/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { splitFieldErrors } from "./form-errors";

/**
 * Why the last Review or Save did not go through, at the top of the form. Field messages sit next to their fields;
 * this says what has no field: someone else's change (409 on an edit), a failed step, the server being away.
 * The form stays filled, so Save again finishes the save.
 */
export function FormProblem({ error, mode, what, formFields, testIdPrefix, onReload }: {
  error: Error;
  mode: "create" | "edit";
  /** What the form saves, in words ("device", "data flow endpoint"). */
  what: string;
  /** The form's top-level fields: a 400's messages under them are shown next to the fields, not here. */
  formFields: ReadonlySet<string>;
  /** Names the test ids: `<prefix>-problem`, `<prefix>-problem-detail`, `<prefix>-reload` (e.g. "device-form"). */
  testIdPrefix: string;
  /** Edit: load the resource again (after someone else changed it). */
  onReload?: () => void;
}) {
  const testId = `${testIdPrefix}-problem`;
  if (!isApiProblem(error)) {
    return (
      <Alert tone="danger" role="alert" title="Could not save" data-testid={testId}>
        {error.message}
      </Alert>
    );
  }
  if (error.status === 409 && mode === "edit") {
    return (
      <Alert tone="danger" role="alert" title="Changed by someone else" data-testid={testId} data-kind="conflict">
        <p>
          This {what} was changed by someone else since you opened it — reload to see the current version. Reloading
          replaces what you entered here.
        </p>
        {error.detail ? <p className="mt-1 text-xs">{error.detail}</p> : null}
        {onReload ? (
          <Button variant="primary" className="mt-3" onClick={onReload} data-testid={`${testIdPrefix}-reload`}>Reload</Button>
        ) : null}
      </Alert>
    );
  }
  const { fieldErrors, otherErrors } = error.status === 400 ? splitFieldErrors(error, formFields) : { fieldErrors: [], otherErrors: [] };
  const retryable = error.status === 0 || error.status >= 500;
  return (
    <Alert tone="danger" role="alert" title={error.title} data-testid={testId} data-status={error.status}>
      {error.detail ? <p data-testid={`${testId}-detail`}>{error.detail}</p> : null}
      {fieldErrors.length ? <p className="mt-1">The messages are next to the fields.</p> : null}
      {otherErrors.length ? (
        <ul className="mt-1 list-disc pl-5">
          {otherErrors.map((m) => <li key={m}>{m}</li>)}
        </ul>
      ) : null}
      {retryable ? <p className="mt-1">Your entries are kept: Save again to finish the save.</p> : null}
      {error.requestId ? <p className="mt-1 font-mono text-xs">Request id: {error.requestId}</p> : null}
    </Alert>
  );
}
