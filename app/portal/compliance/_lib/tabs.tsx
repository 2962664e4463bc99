"use client";
// The sub-navigation of the compliance screens (portal and back office): one tab per screen, the
// current one (by the path) marked.
import { usePathname } from "next/navigation";
import { TabNav } from "@/app/_components/tabs";

export function ComplianceTabs({
  items,
  root,
  label,
}: {
  items: { href: string; label: string }[];
  root: string;
  label: string;
}) {
  const pathname = usePathname();
  const active = (href: string) =>
    href === root ? pathname === root : pathname === href || pathname.startsWith(`${href}/`);
  return <TabNav label={label} items={items.map((item) => ({ ...item, active: active(item.href) }))} />;
}
