import type { ReactNode } from "react";
import { requireCustomer } from "@/app/_components/guards";
import { currentTranslator } from "@/server/i18n/current";
import { ComplianceTabs } from "./_lib/tabs";

export default async function PortalComplianceLayout({ children }: { children: ReactNode }) {
  await requireCustomer();
  const { t } = await currentTranslator();
  const items = [
    { href: "/portal/compliance", label: t("compliance.tabs.signature") },
    { href: "/portal/compliance/consents", label: t("compliance.tabs.consents") },
    { href: "/portal/compliance/opt-outs", label: t("compliance.tabs.optOuts") },
  ];
  return (
    <>
      <ComplianceTabs items={items} root="/portal/compliance" label={t("compliance.nav.portal")} />
      {children}
    </>
  );
}
