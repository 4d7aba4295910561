import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "Data flow endpoints" };

export default function DataflowEndpointsPage() {
  return (
    <NotBuiltYet
      title="Data flow endpoints"
      purpose="The endpoints data flows read from and write to, and the synced secrets they authenticate with."
      comesWith="a later release of the portal, after the device forms"
    />
  );
}
