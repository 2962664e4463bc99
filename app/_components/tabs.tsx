// The two kinds of in-page navigation, one look each: underlined tabs between the screens of one
// area, and pill links that filter a list (kept in the URL). The current one is marked aria-current.
import Link from "next/link";
import type { ReactNode } from "react";

export interface LinkItem {
  href: string;
  label: ReactNode;
  active: boolean;
}

export function TabNav({ label, items, className = "mb-6" }: { label: string; items: LinkItem[]; className?: string }) {
  return (
    <nav className={`${className} flex flex-wrap gap-1 border-b border-slate-200 text-sm`} aria-label={label}>
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.active ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 ${item.active ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}

export function FilterLinks({
  label,
  items,
  className = "mb-4",
  children,
}: {
  label: string;
  items: LinkItem[];
  className?: string;
  children?: ReactNode;
}) {
  return (
    <nav className={`${className} flex flex-wrap gap-1 text-sm`} aria-label={label}>
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.active ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 ${item.active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {item.label}
        </Link>
      ))}
      {children}
    </nav>
  );
}
