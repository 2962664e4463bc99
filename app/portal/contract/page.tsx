import { ContractDocumentsCard, ContractHistoryCard, ContractStatusNote, ContractTermsCard, DepositCard } from "@/app/_components/contract-summary";
import { ObjectionForm, TerminationDecision, TerminationRequestForm } from "@/app/_components/contract-actions";
import { requireCustomer } from "@/app/_components/guards";
import { Card, EmptyState, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDate, formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { ResubmitForm } from "./resubmit-form";

export default async function PortalContractPage() {
  const user = await requireCustomer();
  const { t, locale } = await currentTranslator();
  const caller = await api();
  const c = await caller.contracts.mine();
  if (!c) return <EmptyState>{t("contracts.contract.none")}</EmptyState>;
  const admin = user.role === "CUSTOMER_ADMIN";
  const running = c.status === "ACTIVE" || c.status === "SUSPENDED" || c.status === "APPROVED";
  const pending = c.terminationRequests.find((r) => r.status === "PENDING");
  const objections = c.objections.filter((o) => o.againstEndDate.getTime() === c.endDate.getTime() && !o.withdrawnAt);
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
        <ContractDocumentsCard t={t} c={c} />
        {running ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title={t("contracts.contract.objectionTitle")}>
              <p className="mb-3 text-sm text-slate-500">{t("contracts.contract.objectionHint", { days: c.objectionNoticeDays, lastDay: formatChinaDate(c.lastObjectionDay) })}</p>
              {objections.map((o) => (
                <p key={o.id} className="mb-3 text-sm text-amber-700" data-testid="objection-lodged">
                  {t("contracts.contract.objectionLodged", { party: t(`contracts.contract.parties.${o.party}`), at: formatChinaDateTime(o.lodgedAt), reason: o.reason })}
                </p>
              ))}
              {admin && !objections.some((o) => o.party === "CUSTOMER") ? <ObjectionForm side="CUSTOMER" contractId={c.id} /> : null}
            </Card>
            <Card title={t("contracts.contract.terminationTitle")}>
              <p className="mb-3 text-sm text-slate-500">{t("contracts.contract.terminationHint")}</p>
              {pending ? <TerminationDecision side="CUSTOMER" request={pending} /> : admin ? <TerminationRequestForm side="CUSTOMER" contractId={c.id} /> : null}
            </Card>
          </div>
        ) : null}
        <DepositCard t={t} c={c} />
        <ContractHistoryCard t={t} c={c} />
      </div>
    </>
  );
}
