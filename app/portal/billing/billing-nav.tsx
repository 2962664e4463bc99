// The billing screens as tabs: overview (with metering), usage reports, package change.
import { TabNav } from "@/app/_components/tabs";
import type { Translate } from "@/server/i18n";

const TABS = [
  { key: "tabOverview", href: "/portal/billing" },
  { key: "tabUsage", href: "/portal/billing/usage" },
  { key: "tabPackageChange", href: "/portal/billing/package-change" },
] as const;

export function BillingNav({ t, active }: { t: Translate; active: (typeof TABS)[number]["key"] }) {
  return (
    <TabNav
      label={t("billing.portal.title")}
      items={TABS.map((tab) => ({ href: tab.href, label: t(`billing.portal.${tab.key}`), active: tab.key === active }))}
    />
  );
}
