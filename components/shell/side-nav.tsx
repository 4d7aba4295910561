"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { NAV, isCurrent, type NavItem } from "./nav-items";

export function SideNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" data-testid="side-nav" className="flex flex-col gap-5 px-3 py-4 text-sm">
      {NAV.map((group, i) => (
        <div key={group.heading ?? i}>
          {group.heading ? (
            <h2 id={`nav-group-${i}`} className="mb-1 px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
              {group.heading}
            </h2>
          ) : null}
          <ul aria-labelledby={group.heading ? `nav-group-${i}` : undefined} className="flex flex-col gap-0.5">
            {group.items.map((item) => (
              <NavLink key={item.href} item={item} pathname={pathname} depth={0} />
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function NavLink({ item, pathname, depth }: { item: NavItem; pathname: string; depth: number }) {
  const current = isCurrent(item.href, pathname);
  return (
    <li>
      <Link
        href={item.href}
        aria-current={current ? "page" : undefined}
        title={item.description}
        data-testid={`nav-${item.href.slice(1).replaceAll("/", "-")}`}
        className={cn(
          "flex flex-col rounded-md border-l-4 px-2 py-1.5",
          "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700",
          depth > 0 && "ml-4",
          current
            ? "border-blue-700 bg-blue-50 font-semibold text-blue-900"
            : "border-transparent text-slate-800 hover:bg-slate-100",
        )}
      >
        <span>{item.label}</span>
        {item.description ? <span className="text-xs font-normal text-slate-600">{item.description}</span> : null}
      </Link>
      {item.children?.length ? (
        <ul className="mt-0.5 flex flex-col gap-0.5">
          {item.children.map((child) => (
            <NavLink key={child.href} item={child} pathname={pathname} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
