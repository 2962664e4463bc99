// The two views of receivables: by enterprise (with aging and revenue) and the overdue list.
import { TabNav } from "@/app/_components/tabs";
import type { Translate } from "@/server/i18n";

export function BillingTabs({ t, current }: { t: Translate; current: "receivables" | "overdue" }) {
  return (
    <TabNav
      label={t("billingFinance.nav")}
      items={[
        { href: "/bureau/billing", label: t("billingFinance.tabs.receivables"), active: current === "receivables" },
        { href: "/bureau/billing/overdue", label: t("billingFinance.tabs.overdue"), active: current === "overdue" },
      ]}
    />
  );
}
