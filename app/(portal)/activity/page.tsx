import type { Metadata } from "next";
import { ActivityView } from "@/components/activity/activity-view";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Activity" };

export default function ActivityPage() {
  return (
    <>
      <PageHeader title="Activity">
        The audit log of every change made through the portal: who, what, which resources, the outcome and the
        request id — never a secret value. Newest first.
      </PageHeader>
      <ActivityView />
    </>
  );
}
