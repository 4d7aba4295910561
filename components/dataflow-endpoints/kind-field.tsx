"use client";

import { dataflowTypeLabel } from "@/lib/schemas/dataflow-endpoint-labels";
import { KIND_GROUPS, kindId, type EndpointKind, type KindChoice } from "./endpoint-kinds";

/**
 * The endpoint's type (and, for MQTT and Kafka, where the broker is), chosen first on the create form: the
 * settings below it are that kind's. Nothing is chosen until the operator picks one (`value` null).
 */
export function KindChooser({ value, onChange }: { value: EndpointKind | null; onChange: (kind: KindChoice) => void }) {
  const current = value ? kindId(value) : null;
  return (
    <fieldset className="flex flex-col gap-4" data-testid="dataflow-endpoint-kind" data-kind={current ?? ""}>
      <legend className="mb-1 text-base font-semibold text-slate-900">Endpoint type</legend>
      {KIND_GROUPS.map((group) => (
        <div key={group.label} role="group" aria-label={group.label} className="flex flex-col gap-2">
          <p className="text-sm font-medium text-slate-800" aria-hidden="true">{group.label}</p>
          <div className="grid grid-cols-1 gap-2 md:grid-cols-2 xl:grid-cols-4">
            {group.kinds.map((k) => (
              <label
                key={k.id}
                className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 bg-white p-3 text-sm has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50"
              >
                <input
                  type="radio"
                  name="dataflow-endpoint-kind"
                  value={k.id}
                  checked={current === k.id}
                  onChange={() => onChange(k)}
                  className="mt-0.5"
                  data-testid={`dataflow-endpoint-kind-${k.id}`}
                />
                <span>
                  <span className="block font-medium text-slate-900">{k.label}</span>
                  <span className="block text-xs text-slate-700">{k.description}</span>
                </span>
              </label>
            ))}
          </div>
        </div>
      ))}
    </fieldset>
  );
}

/** The edit form's type: fixed (the settings the form does not show belong to it and are kept on save). */
export function FixedKind({ kind }: { kind: EndpointKind }) {
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium text-slate-800">Endpoint type</span>
      <p className="text-sm text-slate-900" data-testid="dataflow-endpoint-kind-fixed" data-kind={kindId(kind)}
        title={kind.hostType ? `${kind.endpointType} / ${kind.hostType}` : kind.endpointType}>
        {dataflowTypeLabel(kind.endpointType, kind.hostType)}
      </p>
      <p className="text-xs text-slate-700">An endpoint&apos;s type cannot change: create another endpoint for another type.</p>
    </div>
  );
}
