// The billing screens as tabs: overview (with metering), usage reports, package change.
import Link from "next/link";
import type { Translate } from "@/server/i18n";

const TABS = [
  { key: "tabOverview", href: "/portal/billing" },
  { key: "tabUsage", href: "/portal/billing/usage" },
  { key: "tabPackageChange", href: "/portal/billing/package-change" },
] as const;

export function BillingNav({ t, active }: { t: Translate; active: (typeof TABS)[number]["key"] }) {
  return (
    <nav className="mb-6 flex gap-1 border-b border-slate-200 text-sm" aria-label={t("billing.portal.title")}>
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === active ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 ${tab.key === active ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
        >
          {t(`billing.portal.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}
