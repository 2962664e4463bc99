import Link from "next/link";
import {
  ContractDocumentsCard,
  ContractHistoryCard,
  ContractStatusNote,
  ContractTermsCard,
  DepositCard,
  ObjectionsLodged,
  TerminationAgreedNote,
} from "@/app/_components/contract-summary";
import { ObjectionForm, TerminationDecision, TerminationRequestForm } from "@/app/_components/contract-actions";
import { requireCustomer } from "@/app/_components/guards";
import { Card, EmptyState, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDate } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { PackageHistoryTable } from "./package-history";
import { ResubmitForm } from "./resubmit-form";

export default async function PortalContractPage() {
  const user = await requireCustomer();
  const { t, locale } = await currentTranslator();
  const caller = await api();
  const [c, packages] = await Promise.all([caller.contracts.mine(), caller.usage.packages()]);
  if (!c) return <EmptyState>{t("contracts.contract.none")}</EmptyState>;
  const pendingChange = packages.outlook?.contractId === c.id ? packages.outlook.pending : null;
  const admin = user.role === "CUSTOMER_ADMIN";
  const running = c.status === "ACTIVE" || c.status === "SUSPENDED" || c.status === "APPROVED";
  const pending = c.terminationRequests.find((r) => r.status === "PENDING");
  return (
    <>
      <PageHeader title={t("contracts.contract.title")} intro={c.number} />
      <div className="space-y-6">
        <ContractStatusNote t={t} c={c} />
        {c.status === "REJECTED" && admin ? (
          <Card title={t("contracts.contract.correctAndResubmit")}>
            <ResubmitForm enterprise={c.enterprise} packageCode={c.package.code} />
          </Card>
        ) : null}
        <ContractTermsCard t={t} locale={locale} c={c} />
        {packages.outlook?.contractId === c.id ? (
          <Card title={t("billing.packageChange.historyTitle")}>
            <div className="space-y-3">
              <PackageHistoryTable t={t} locale={locale} history={packages.history} />
              {pendingChange ? (
                <p className="text-sm text-amber-700" data-testid="contract-pending-change">
                  {t("billing.packageChange.pendingTitle")}：
                  {t("billing.packageChange.pendingLine", {
                    from: locale === "zh" ? pendingChange.from.nameZh : pendingChange.from.nameEn,
                    to: locale === "zh" ? pendingChange.to.nameZh : pendingChange.to.nameEn,
                    effectiveOn: pendingChange.effectiveOn,
                    reason: pendingChange.reason,
                  })}{" "}
                  <a className="text-blue-700 underline" href={`/api/billing/change-form/${pendingChange.id}`}>
                    {t("billing.packageChange.print")}
                  </a>
                </p>
              ) : null}
              <Link
                href="/portal/billing/package-change"
                className="inline-block text-sm text-brand-700 hover:underline"
                data-testid="contract-package-change-link"
              >
                {t("billing.packageChange.link")} →
              </Link>
            </div>
          </Card>
        ) : null}
        <ContractDocumentsCard t={t} c={c} />
        {running ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title={t("contracts.contract.objectionTitle")}>
              <p className="mb-3 text-sm text-slate-500">
                {t("contracts.contract.objectionHint", {
                  days: c.objectionNoticeDays,
                  lastDay: formatChinaDate(c.lastObjectionDay),
                })}
              </p>
              <ObjectionsLodged t={t} c={c} />
              {admin && !c.agreedEnd && !c.objectionsAgainstRenewal.some((o) => o.party === "CUSTOMER") ? (
                <ObjectionForm side="CUSTOMER" contractId={c.id} />
              ) : null}
            </Card>
            <Card title={t("contracts.contract.terminationTitle")}>
              <p className="mb-3 text-sm text-slate-500">{t("contracts.contract.terminationHint")}</p>
              {c.agreedEnd ? (
                <TerminationAgreedNote t={t} c={c} />
              ) : pending ? (
                <TerminationDecision side="CUSTOMER" request={pending} />
              ) : admin ? (
                <TerminationRequestForm side="CUSTOMER" contractId={c.id} />
              ) : null}
            </Card>
          </div>
        ) : null}
        <DepositCard t={t} c={c} />
        <ContractHistoryCard t={t} c={c} />
      </div>
    </>
  );
}
