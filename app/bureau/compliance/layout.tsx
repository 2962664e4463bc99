import type { ReactNode } from "react";
import { requireStaff } from "@/app/_components/guards";
import { ComplianceTabs } from "@/app/portal/compliance/_lib/tabs";
import { currentTranslator } from "@/server/i18n/current";

// COMPLIANCE's screens; a bureau admin may use them too (requireStaff lets BUREAU_ADMIN in).
export default async function BureauComplianceLayout({ children }: { children: ReactNode }) {
  await requireStaff("COMPLIANCE");
  const { t } = await currentTranslator();
  const items = [
    { href: "/bureau/compliance", label: t("compliance.tabs.overview") },
    { href: "/bureau/compliance/review", label: t("compliance.tabs.review") },
    { href: "/bureau/compliance/signatures", label: t("compliance.tabs.signatures") },
    { href: "/bureau/compliance/consents", label: t("compliance.tabs.consents") },
    { href: "/bureau/compliance/lexicon", label: t("compliance.tabs.lexicon") },
    { href: "/bureau/compliance/violations", label: t("compliance.tabs.violations") },
    { href: "/bureau/compliance/opt-outs", label: t("compliance.tabs.optOuts") },
  ];
  return (
    <>
      <ComplianceTabs items={items} root="/bureau/compliance" label={t("compliance.nav.bureau")} />
      {children}
    </>
  );
}
