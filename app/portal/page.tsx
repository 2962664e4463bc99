import { requireCustomer } from "@/app/_components/guards";
import Link from "next/link";
import { ContractStatusBadge } from "@/app/_components/contract-status";
import { Card, EmptyState, Fields, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDate, fromDbDate } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { MeteringCard } from "./billing/metering-card";

export default async function PortalHome() {
  await requireCustomer();
  const { t, locale } = await currentTranslator();
  const caller = await api();
  const [me, enterprise] = await Promise.all([caller.account.me(), caller.portal.enterprise()]);
  const contract = enterprise.contracts[0];
  return (
    <>
      <PageHeader title={t("portal.welcome", { name: me.name })} intro={enterprise.name} />
      <Card title={t("portal.contractTitle")}>
        {contract ? (
          <Link href="/portal/contract" className="float-right text-sm text-brand-700 hover:underline">
            {t("app.open")} →
          </Link>
        ) : null}
        {contract ? (
          <Fields
            items={[
              { label: t("portal.contractNumber"), value: contract.number, testId: "contract-number" },
              {
                label: t("portal.contractStatus"),
                value: <ContractStatusBadge t={t} status={contract.status} />,
                testId: "contract-status",
              },
              {
                label: t("portal.contractPackage"),
                value: locale === "zh" ? contract.inForce.package.nameZh : contract.inForce.package.nameEn,
              },
              { label: t("portal.dailyCap"), value: contract.inForce.terms.dailyCap.toLocaleString() },
              {
                label: t("portal.contractValidity"),
                value: `${formatChinaDate(fromDbDate(contract.startDate))} — ${formatChinaDate(fromDbDate(contract.endDate))} 24:00`,
              },
            ]}
          />
        ) : (
          <EmptyState>{t("portal.noContract")}</EmptyState>
        )}
      </Card>
      <MeteringCard />
    </>
  );
}
