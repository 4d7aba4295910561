import { CreateLink } from "@/components/endpoint-form/create-link";

/** "Create endpoint", a link to the create form (looks like the primary button). Shown to operators only. */
export function CreateEndpointLink() {
  return <CreateLink href="/dataflow-endpoints/new" testId="dataflow-endpoint-create">Create endpoint</CreateLink>;
}
