import { CreateLink } from "@/components/endpoint-form/create-link";

/** "Create device", a link to the form's own URL (looks like the primary button). Shown to operators only. */
export function CreateDeviceLink({ className }: { className?: string }) {
  return <CreateLink href="/devices/new" testId="device-create" className={className}>Create device</CreateLink>;
}
