import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "Devices" };

export default function DevicesPage() {
  return (
    <NotBuiltYet
      title="Devices"
      purpose="Devices and their inbound (asset) endpoints, with the username/password or certificate references they authenticate with."
      comesWith="the devices and endpoints work, once the cluster stand-in exists (issues 4–6)"
    />
  );
}
