import type { ReactNode } from "react";
import { requireStaff } from "@/app/_components/guards";
import { AppShell } from "@/app/_components/shell";
import { currentTranslator } from "@/server/i18n/current";

export default async function BureauLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff();
  const { t } = await currentTranslator();
  const admin = user.role === "BUREAU_ADMIN";
  const nav = [
    { href: "/bureau", label: t("nav.bureau.home") },
    { href: "/bureau/customers", label: t("nav.bureau.customers") },
    { href: "/bureau/contracts", label: t("nav.bureau.contracts") },
    { href: "/bureau/change-requests", label: t("team.nav.changeRequests") },
    { href: "/bureau/packages", label: t("nav.bureau.packages") },
    ...(admin || user.role === "FINANCE" ? [{ href: "/bureau/billing", label: t("billingFinance.nav") }] : []),
    ...(admin || user.role === "FINANCE" ? [{ href: "/bureau/mail", label: t("mail.nav") }] : []),
    ...(admin || user.role === "COMPLIANCE" ? [{ href: "/bureau/compliance", label: t("compliance.nav.bureau") }] : []),
    ...(admin
      ? [
          { href: "/bureau/users", label: t("nav.bureau.users") },
          { href: "/bureau/jobs", label: t("nav.bureau.jobs") },
          { href: "/bureau/gateway", label: t("nav.bureau.gateway") },
          { href: "/bureau/audit", label: t("nav.bureau.audit") },
        ]
      : []),
    { href: "/bureau/settings", label: t("nav.bureau.settings") },
    { href: "/bureau/account", label: t("nav.bureau.account") },
  ];
  return (
    <AppShell t={t} user={user} area={t("app.backOffice")} root="/bureau" nav={nav}>
      {children}
    </AppShell>
  );
}
