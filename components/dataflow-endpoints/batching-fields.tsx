"use client";

import { CountField, SelectField } from "./text-field";

/**
 * How the endpoint batches messages, as AIO names it: Kafka by milliseconds, bytes and messages (and can be turned
 * off); the storage, analytics and OpenTelemetry endpoints by seconds and messages. Empty fields keep the service's
 * defaults.
 */
export function BatchingFields({ kind }: { kind: "kafka" | "seconds" }) {
  return (
    <section aria-labelledby="dataflow-endpoint-batching-heading" className="flex flex-col gap-4" data-testid="dataflow-endpoint-batching" data-kind={kind}>
      <h3 id="dataflow-endpoint-batching-heading" className="text-sm font-semibold text-slate-900">Batching</h3>
      {kind === "kafka" ? (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-4">
          <SelectField path="batching.mode" label="Batching" testId="dataflow-endpoint-batching-mode"
            options={[{ value: "Enabled", label: "Enabled" }, { value: "Disabled", label: "Disabled" }]} />
          <CountField path="batching.latencyMs" label="Latency" unit="ms" testId="dataflow-endpoint-batching-latency-ms" />
          <CountField path="batching.maxBytes" label="Maximum bytes" testId="dataflow-endpoint-batching-max-bytes" />
          <CountField path="batching.maxMessages" label="Maximum messages" testId="dataflow-endpoint-batching-max-messages" />
        </div>
      ) : (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <CountField path="batching.latencySeconds" label="Latency" unit="seconds" testId="dataflow-endpoint-batching-latency-seconds" />
          <CountField path="batching.maxMessages" label="Maximum messages" testId="dataflow-endpoint-batching-max-messages" />
        </div>
      )}
    </section>
  );
}
