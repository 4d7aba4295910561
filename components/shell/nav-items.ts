/** The left navigation, in the order of the operations experience. `children` are shown indented below. */
export interface NavItem {
  href: string;
  label: string;
  /** Extra words for screen readers and the tooltip, e.g. the product's older name for the page. */
  description?: string;
  children?: NavItem[];
}

export interface NavGroup {
  /** Heading of a group of links (not a link itself), as "Manage certificates and secrets" in the product. */
  heading?: string;
  items: NavItem[];
}

export const NAV: NavGroup[] = [
  {
    items: [
      { href: "/devices", label: "Devices", description: "Asset endpoints" },
      { href: "/dataflow-endpoints", label: "Data flow endpoints" },
    ],
  },
  {
    heading: "Manage certificates and secrets",
    items: [
      {
        href: "/secrets",
        label: "Secrets",
        description: "Synced secrets",
        children: [{ href: "/secrets/key-vault", label: "Key Vault secrets" }],
      },
    ],
  },
  {
    items: [
      { href: "/secure-settings", label: "Secure settings" },
      { href: "/activity", label: "Activity" },
    ],
  },
];

/** Exact match only: `/secrets` must not look current on `/secrets/key-vault`. */
export function isCurrent(href: string, pathname: string): boolean {
  return pathname === href || pathname === `${href}/`;
}
