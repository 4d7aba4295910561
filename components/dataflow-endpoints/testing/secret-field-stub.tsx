/** A new value of the right shape for the field (the schema checks connection strings and SAS tokens). */
function newValue(field: string, label: string): string {
  if (label === "Connection string") return "Endpoint=sb://ns-1.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=hunter2-key";
  if (field === "accessToken") return "sv=2022-11-02&ss=b&srt=co&sp=rwlac&se=2030-01-01&sig=hunter2sig";
  return `${field}-hunter2-secret-value`;
}

/**
 * A stand-in for *Add reference* in the endpoint form's DOM tests (not imported by the portal itself): Create puts a
 * new secret with a value in the field, Pick an existing one. Use with
 * `vi.mock("@/components/secret-reference/secret-field", () => import("./testing/secret-field-stub"))`.
 */
export function SecretField(p: {
  label: string; field: string; value: { source: string; keyVaultSecretName: string } | null;
  onChange: (v: unknown) => void; disabledReason?: string | null; error?: string; required?: boolean;
}) {
  return (
    <div data-testid="secret-field" data-field={p.field} data-label={p.label} data-source={p.value?.source ?? "none"}
      data-disabled-reason={p.disabledReason ?? ""}>
      <span>{p.label}</span>
      <button type="button" onClick={() => p.onChange({ source: "new", keyVaultSecretName: `new-${p.field}`, value: newValue(p.field, p.label) })}>
        Create {p.label}
      </button>
      <button type="button" onClick={() => p.onChange({ source: "existing", keyVaultSecretName: `picked-${p.field}` })}>Pick {p.label}</button>
      {p.error ? <p data-testid="secret-field-error">{p.error}</p> : null}
    </div>
  );
}
