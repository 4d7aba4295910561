"use client";

import { SelectField, TextField } from "./text-field";

/** TLS of the brokers and collectors: on or off, and the ConfigMap holding the CA certificates to trust. */
export function TlsFields() {
  return (
    <section aria-labelledby="dataflow-endpoint-tls-heading" className="flex flex-col gap-4" data-testid="dataflow-endpoint-tls">
      <h3 id="dataflow-endpoint-tls-heading" className="text-sm font-semibold text-slate-900">TLS</h3>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <SelectField path="tls.mode" label="TLS mode" testId="dataflow-endpoint-tls-mode"
          options={[{ value: "Enabled", label: "Enabled" }, { value: "Disabled", label: "Disabled" }]} />
        <TextField path="tls.trustedCaCertificateConfigMapRef" label="Trusted CA certificate ConfigMap (optional)"
          hint="A ConfigMap in the instance's namespace with the CA certificates to trust. Empty: the system's trusted CAs."
          testId="dataflow-endpoint-tls-ca" mono />
      </div>
    </section>
  );
}
