import { get, useFormState } from "react-hook-form";
import { firstErrorMessage } from "@/components/endpoint-form/form-errors";
import { useEndpointFormContext, type EndpointFieldPath } from "./form-context";

/** The message of one field (its own check or the server's), read by path: the form's values are one type's at a time. */
export function useFieldError(path: EndpointFieldPath): string | undefined {
  const { control } = useEndpointFormContext();
  const { errors } = useFormState({ control, name: path });
  return firstErrorMessage(get(errors, path));
}
