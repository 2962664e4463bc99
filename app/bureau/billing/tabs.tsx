// The two views of receivables: by enterprise (with aging and revenue) and the overdue list.
import Link from "next/link";
import type { Translate } from "@/server/i18n";

export function BillingTabs({ t, current }: { t: Translate; current: "receivables" | "overdue" }) {
  const tabs = [
    { key: "receivables" as const, href: "/bureau/billing", label: t("billingFinance.tabs.receivables") },
    { key: "overdue" as const, href: "/bureau/billing/overdue", label: t("billingFinance.tabs.overdue") },
  ];
  return (
    <nav className="mb-6 flex gap-1 border-b border-slate-200 text-sm">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 ${tab.key === current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
