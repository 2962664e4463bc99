import Link from "next/link";
import { ObjectionForm, TerminationDecision, TerminationRequestForm } from "@/app/_components/contract-actions";
import {
  ContractDocumentsCard,
  ContractHistoryCard,
  ContractStatusNote,
  ContractTermsCard,
  DepositCard,
  ObjectionsLodged,
  TerminationAgreedNote,
} from "@/app/_components/contract-summary";
import { orNotFound, requireStaff } from "@/app/_components/guards";
import { Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDate, toChinaDate } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { ApprovePanel, DepositDecisionForm, DepositForm, TermsEditor, TerminateForCauseForm } from "./actions";
import { BEFORE_END } from "@/server/contracts/state";

export default async function ContractDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireStaff();
  const { id } = await params;
  const { t, locale } = await currentTranslator();
  const c = await orNotFound((await api()).contracts.get({ id }));
  const role = user.role;
  const sales = role === "SALES" || role === "BUREAU_ADMIN";
  const finance = role === "FINANCE" || role === "BUREAU_ADMIN";
  const compliance = role === "COMPLIANCE" || role === "BUREAU_ADMIN";
  const beforeEnd = BEFORE_END.includes(c.status);
  const ended = c.status === "TERMINATED" || c.status === "EXPIRED";
  const pending = c.terminationRequests.find((r) => r.status === "PENDING");
  const today = formatChinaDate(toChinaDate(new Date()));
  const settlement =
    finance && ended && c.deposit.heldFen > 0
      ? await (await api()).contracts.depositSettlement({ contractId: c.id })
      : null;
  return (
    <>
      <PageHeader
        title={`${c.number} · ${c.enterprise.name}`}
        actions={
          <Link href="/bureau/contracts" className="text-sm text-slate-500 hover:text-slate-800">
            ← {t("app.back")}
          </Link>
        }
      />
      <div className="space-y-6">
        <ContractStatusNote t={t} c={c} />
        {sales && c.status === "PENDING_REVIEW" ? <ApprovePanel contractId={c.id} /> : null}
        <div className="grid gap-6 xl:grid-cols-2">
          <ContractTermsCard t={t} locale={locale} c={c} />
          <div className="space-y-6">
            <ContractDocumentsCard t={t} c={c} />
            <DepositCard t={t} c={c} />
            {finance && beforeEnd ? (
              <Card title={t("contracts.review.recordDeposit")}>
                <DepositForm
                  contractId={c.id}
                  amountFen={Math.max(0, c.depositFen - c.deposit.receivedFen)}
                  today={today}
                />
              </Card>
            ) : null}
            {settlement ? (
              <Card title={t("contracts.review.depositDecision")}>
                <DepositDecisionForm contractId={c.id} settlement={settlement} today={today} />
              </Card>
            ) : null}
          </div>
        </div>
        {sales && c.status !== "TERMINATED" && c.status !== "EXPIRED" ? (
          <Card title={t("contracts.review.editTerms")}>
            <TermsEditor
              contract={{
                id: c.id,
                packageCode: c.package.code,
                started: c.status === "ACTIVE" || c.status === "SUSPENDED",
                startDate: formatChinaDate(c.startDay),
                endDate: formatChinaDate(c.endDay),
                paymentWindowStartDay: c.paymentWindowStartDay,
                paymentWindowEndDay: c.paymentWindowEndDay,
                graceDays: c.graceDays,
                lateFeeRatePpm: c.lateFeeRatePpm,
                suspensionAfterDays: c.suspensionAfterDays,
                changeCutoffDay: c.changeCutoffDay,
                renewalYears: c.renewalYears,
                objectionNoticeDays: c.objectionNoticeDays,
                arbitrationCommission: c.arbitrationCommission,
                depositFen: c.depositFen,
                freePackageDailyCap: c.freePackageDailyCap,
                signingPlace: c.signingPlace,
              }}
            />
          </Card>
        ) : null}
        {beforeEnd && c.status !== "PENDING_REVIEW" ? (
          <div className="grid gap-6 lg:grid-cols-3">
            {sales ? (
              <Card title={t("contracts.contract.objectionTitle")}>
                <p className="mb-3 text-sm text-slate-500">
                  {t("contracts.contract.objectionHint", {
                    days: c.objectionNoticeDays,
                    lastDay: formatChinaDate(c.lastObjectionDay),
                  })}
                </p>
                <ObjectionsLodged t={t} c={c} />
                {!c.agreedEnd && !c.objectionsAgainstRenewal.some((o) => o.party === "BUREAU") ? (
                  <ObjectionForm side="BUREAU" contractId={c.id} />
                ) : null}
              </Card>
            ) : null}
            {sales ? (
              <Card title={t("contracts.contract.terminationTitle")}>
                {c.agreedEnd ? (
                  <TerminationAgreedNote t={t} c={c} />
                ) : pending ? (
                  <TerminationDecision side="BUREAU" request={pending} />
                ) : (
                  <TerminationRequestForm side="BUREAU" contractId={c.id} />
                )}
              </Card>
            ) : null}
            {compliance ? (
              <Card title={t("contracts.review.terminateForCause")}>
                <TerminateForCauseForm contractId={c.id} />
              </Card>
            ) : null}
          </div>
        ) : null}
        <ContractHistoryCard t={t} c={c} />
      </div>
    </>
  );
}
