import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "Activity" };

export default function ActivityPage() {
  return (
    <NotBuiltYet
      title="Activity"
      purpose="The audit log of every change made through the portal: who, what, which resources, the outcome — never a secret value."
      comesWith="sign-in and the audit log (issue 7)"
    />
  );
}
