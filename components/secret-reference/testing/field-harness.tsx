import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { SecretField, type SecretFieldProps } from "../secret-field";

/** DOM-test support: a SecretField holding its own value, as a form would, reporting every change. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

export function FieldHarness({ client, initial = null, onChange, ...props }: Partial<Omit<SecretFieldProps, "value" | "onChange">> & {
  client: QueryClient;
  initial?: SecretReference | null;
  onChange?: (next: SecretReference | null) => void;
}) {
  const [value, setValue] = useState<SecretReference | null>(initial);
  return (
    <QueryClientProvider client={client}>
      <SecretField
        label="Password"
        field="password"
        {...props}
        value={value}
        onChange={(next) => {
          onChange?.(next);
          setValue(next);
        }}
      />
    </QueryClientProvider>
  );
}
