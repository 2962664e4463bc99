import Link from "next/link";
import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/shell";
import { Alert } from "@/app/_components/ui";
import { requireCustomer } from "@/app/_components/guards";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireCustomer();
  const { t } = await currentTranslator();
  const enterprise = await (await api()).portal.enterprise();
  const nav = [
    { href: "/portal", label: t("nav.portal.home") },
    { href: "/portal/send", label: t("portalSending.nav.send") },
    { href: "/portal/jobs", label: t("portalSending.nav.jobs") },
    { href: "/portal/messages", label: t("portalSending.nav.messages") },
    { href: "/portal/replies", label: t("portalSending.nav.replies") },
    { href: "/portal/billing", label: t("billing.nav") },
    { href: "/portal/contract", label: t("nav.portal.contract") },
    { href: "/portal/enterprise", label: t("nav.portal.enterprise") },
    { href: "/portal/contacts", label: t("addressbook.nav.contacts") },
    { href: "/portal/team", label: t("team.nav.team") },
    { href: "/portal/compliance", label: t("compliance.nav.portal") },
    { href: "/portal/packages", label: t("nav.portal.packages") },
    { href: "/portal/api", label: t("api.nav") },
    { href: "/portal/account", label: t("nav.portal.account") },
  ];
  return (
    <AppShell t={t} user={user} area={t("app.portal")} subtitle={enterprise.name} root="/portal" nav={nav}>
      {/* Suspension for unpaid charges (二 4) is shown on every portal page until it is lifted. */}
      {enterprise.contracts[0]?.status === "SUSPENDED" ? (
        <div className="mb-6">
          <Alert tone="error" testId="portal-suspended">
            {t("billing.portal.suspended")}{" "}
            <Link href="/portal/billing" className="font-medium underline">
              {t("billing.portal.suspendedAction")}
            </Link>
          </Alert>
        </div>
      ) : null}
      {children}
    </AppShell>
  );
}
