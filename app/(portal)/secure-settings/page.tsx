import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "Secure settings" };

export default function SecureSettingsPage() {
  return (
    <NotBuiltYet
      title="Secure settings"
      purpose="Whether secret sync is enabled for the instance: its Key Vault, the user-assigned identity and the default SecretProviderClass."
      comesWith="a later release of the portal, which reads these settings from the instance"
    />
  );
}
