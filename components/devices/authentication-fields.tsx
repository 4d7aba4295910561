"use client";

import { useWatch } from "react-hook-form";
import type { DeviceAuthenticationMethod } from "@/lib/schemas/device-form";
import { DeviceSecretField } from "./device-secret-field";
import { useDeviceFormContext } from "./form-context";
import { blankAuthentication } from "./form-values";
import { authenticationLabel } from "./labels";

const METHODS: DeviceAuthenticationMethod[] = ["Anonymous", "UsernamePassword", "Certificate"];

/**
 * The endpoint's authentication: a method, then only that method's secret fields. Switching method empties the
 * fields, so a reference picked for another method is neither kept nor sent.
 */
export function AuthenticationFields({ index, disabledReason, onPicked }: {
  index: number;
  disabledReason: string | null;
  onPicked: () => void;
}) {
  const { control, setValue } = useDeviceFormContext();
  const method = useWatch({ control, name: `endpoints.${index}.authentication.method` });
  const base = `endpoints.${index}.authentication` as const;
  const groupName = `endpoint-${index}-authentication`;

  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4" data-testid="endpoint-authentication">
      <legend className="px-1 text-sm font-semibold text-slate-900">Authentication</legend>
      <div className="flex flex-wrap gap-4" role="radiogroup" aria-label="Authentication method">
        {METHODS.map((m) => (
          <label key={m} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={groupName}
              value={m}
              checked={method === m}
              onChange={() => setValue(base, blankAuthentication(m), { shouldDirty: true })}
              data-testid={`endpoint-auth-${m}`}
            />
            {authenticationLabel(m)}
          </label>
        ))}
      </div>
      {method === "UsernamePassword" ? (
        <>
          <DeviceSecretField name={`${base}.username`} label="Username" field="username" required disabledReason={disabledReason} onPicked={onPicked} />
          <DeviceSecretField name={`${base}.password`} label="Password" field="password" required disabledReason={disabledReason} onPicked={onPicked} />
        </>
      ) : method === "Certificate" ? (
        <>
          <DeviceSecretField name={`${base}.certificate`} label="Certificate" field="certificate" required certificateRole="certificate"
            disabledReason={disabledReason} onPicked={onPicked} />
          <DeviceSecretField name={`${base}.key`} label="Private key" field="key" required certificateRole="key" counterpartName={`${base}.certificate`}
            disabledReason={disabledReason} onPicked={onPicked} />
          <DeviceSecretField name={`${base}.intermediateCertificates`} label="Intermediate certificates (optional)" field="intermediateCertificates"
            certificateRole="intermediate" disabledReason={disabledReason} onPicked={onPicked} />
        </>
      ) : (
        <p className="text-xs text-slate-700" data-testid="endpoint-auth-anonymous-note">The endpoint is reached without credentials.</p>
      )}
    </fieldset>
  );
}
