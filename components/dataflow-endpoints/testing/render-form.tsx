import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ComponentProps } from "react";
import { vi } from "vitest";
import { testQueryClient, withQueryClient } from "@/components/devices/testing/test-support";
import { EndpointForm } from "../endpoint-form";

/** DOM-test helpers for the endpoint form (not imported by the portal itself). */

export function renderEndpointForm(over: Partial<ComponentProps<typeof EndpointForm>> = {}) {
  const client = testQueryClient();
  const onSaved = vi.fn();
  render(withQueryClient(client, (
    <EndpointForm mode="create" initial={null} resourceVersion={null} secretFieldsDisabledReason={null} readOnly={false}
      onSaved={onSaved} {...over} />
  )));
  return { client, onSaved, user: userEvent.setup() };
}

/** The secret fields shown, in order (`data-field` of each *Add reference*). */
export const secretFields = () => screen.queryAllByTestId("secret-field").map((f) => f.dataset.field);

/** Which of these test ids are on the page. */
export const shown = (ids: readonly string[]) => ids.filter((id) => screen.queryByTestId(id) !== null);

/** The authentication methods offered, in order. */
export const methodsOffered = () =>
  screen.queryAllByRole("radio").map((r) => r.getAttribute("data-testid") ?? "")
    .filter((id) => id.startsWith("dataflow-endpoint-auth-")).map((id) => id.slice("dataflow-endpoint-auth-".length));

export const valueOf = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement).value;
