"use client";
// The sub-navigation of the compliance screens (portal and back office): one tab per screen, the current one marked.
import Link from "next/link";
import { usePathname } from "next/navigation";

export function ComplianceTabs({ items, root, label }: { items: { href: string; label: string }[]; root: string; label: string }) {
  const pathname = usePathname();
  return (
    <nav className="mb-6 flex flex-wrap gap-1 border-b border-slate-200 text-sm" aria-label={label}>
      {items.map((item) => {
        const active = item.href === root ? pathname === root : pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 ${active ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
