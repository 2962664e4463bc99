"use client";
// The bureau's actions on one contract, each behind its role (the procedures check again).
import { useMutation, useQuery } from "@tanstack/react-query";
import { ActionForm, field, TextArea } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { formatFen, parseYuanToFen } from "@/server/money";
import { TermsFields, termsFromForm, type TermsValues } from "../terms-fields";

export function ApprovePanel({ contractId }: { contractId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const approve = useMutation(trpc.contracts.approve.mutationOptions());
  const reject = useMutation(trpc.contracts.reject.mutationOptions());
  return (
    <div
      className="grid gap-4 rounded-lg border border-amber-200 bg-amber-50 p-4 md:grid-cols-2"
      data-testid="review-panel"
    >
      <ActionForm
        testId="approve-form"
        submitLabel={t("contracts.review.approve")}
        onSubmit={() => approve.mutateAsync({ id: contractId })}
      />
      <ActionForm
        testId="reject-form"
        variant="danger"
        submitLabel={t("contracts.review.reject")}
        onSubmit={(form) => reject.mutateAsync({ id: contractId, reason: field(form, "reason") })}
      >
        <TextArea name="reason" label={t("contracts.review.rejectReason")} />
      </ActionForm>
    </div>
  );
}

function MethodSelect() {
  const { t } = useI18n();
  return (
    <div>
      <Label htmlFor="method">{t("contracts.review.method")}</Label>
      <select
        id="method"
        name="method"
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      >
        <option value="BANK_TRANSFER">{t("contracts.review.methods.BANK_TRANSFER")}</option>
        <option value="CHEQUE">{t("contracts.review.methods.CHEQUE")}</option>
        <option value="CASH">{t("contracts.review.methods.CASH")}</option>
      </select>
    </div>
  );
}

function amountOf(form: FormData): number {
  const fen = parseYuanToFen(field(form, "amount"));
  // 0 is refused by the procedure with a clear message.
  return fen ?? 0;
}

export function DepositForm({
  contractId,
  amountFen,
  today,
}: {
  contractId: string;
  amountFen: number;
  today: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const record = useMutation(trpc.contracts.recordDeposit.mutationOptions());
  return (
    <ActionForm
      testId="deposit-form"
      submitLabel={t("contracts.review.recordDeposit")}
      onSubmit={(form) =>
        record.mutateAsync({
          contractId,
          amountFen: amountOf(form),
          method: field(form, "method") as "CASH" | "CHEQUE" | "BANK_TRANSFER",
          reference: field(form, "reference") || undefined,
          occurredOn: field(form, "occurredOn"),
          overCollectReason: field(form, "overCollectReason") || undefined,
        })
      }
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor="amount">{t("contracts.review.amount")}</Label>
          <Input
            id="amount"
            name="amount"
            inputMode="decimal"
            defaultValue={formatFen(amountFen).replaceAll(",", "")}
            required
            className="num"
          />
        </div>
        <MethodSelect />
        <div>
          <Label htmlFor="reference">{t("contracts.review.reference")}</Label>
          <Input id="reference" name="reference" />
        </div>
        <div>
          <Label htmlFor="occurredOn">{t("contracts.review.receivedOn")}</Label>
          <Input id="occurredOn" name="occurredOn" type="date" defaultValue={today} required />
        </div>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-500">{t("contracts.review.overCollect")}</summary>
        <div className="mt-2">
          <TextArea name="overCollectReason" label={t("contracts.review.overCollectReason")} required={false} />
        </div>
      </details>
    </ActionForm>
  );
}

export interface DepositSettlementView {
  heldFen: number;
  owedFen: number;
  refundableFen: number;
  offsetFen: number;
  finalStatementPending: boolean;
}

/** The deposit at the end: held against owed, the offset, and the refund or keep decision. */
export function DepositDecisionForm({
  contractId,
  settlement,
  today,
}: {
  contractId: string;
  settlement: DepositSettlementView;
  today: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const decide = useMutation(trpc.contracts.depositDecision.mutationOptions());
  const offset = useMutation(trpc.contracts.offsetDeposit.mutationOptions());
  const submit = (kind: "REFUNDED" | "KEPT") => (form: FormData) =>
    decide.mutateAsync({
      contractId,
      kind,
      amountFen: amountOf(form),
      method: kind === "REFUNDED" ? (field(form, "method") as "CASH" | "CHEQUE" | "BANK_TRANSFER") : undefined,
      reference: field(form, "reference") || undefined,
      occurredOn: field(form, "occurredOn"),
      reason: field(form, "reason") || undefined,
      overrideOwedReason: field(form, "overrideOwedReason") || undefined,
    });
  const common = (amountFen: number) => (
    <div className="grid gap-3 sm:grid-cols-2">
      <div>
        <Label htmlFor="amount">{t("contracts.review.amount")}</Label>
        <Input
          id="amount"
          name="amount"
          inputMode="decimal"
          defaultValue={formatFen(amountFen).replaceAll(",", "")}
          required
          className="num"
        />
      </div>
      <div>
        <Label htmlFor="occurredOn">{t("contracts.review.receivedOn")}</Label>
        <Input id="occurredOn" name="occurredOn" type="date" defaultValue={today} required />
      </div>
    </div>
  );
  const figures: [string, number][] = [
    [t("contracts.review.settlement.held"), settlement.heldFen],
    [t("contracts.review.settlement.owed"), settlement.owedFen],
    [t("contracts.review.settlement.refundable"), settlement.refundableFen],
  ];
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-3 gap-3 text-sm" data-testid="deposit-settlement">
        {figures.map(([label, fen]) => (
          <div key={label} className="rounded-md bg-slate-50 p-3">
            <dt className="text-slate-500">{label}</dt>
            <dd className="num text-base font-semibold text-slate-900">¥{formatFen(fen)}</dd>
          </div>
        ))}
      </dl>
      {settlement.finalStatementPending ? (
        <p className="text-sm text-amber-700" data-testid="final-statement-pending">
          {t("contracts.review.settlement.finalPending")}
        </p>
      ) : null}
      {settlement.offsetFen > 0 ? (
        <ActionForm
          testId="offset-form"
          submitLabel={t("contracts.review.settlement.offset", { amount: formatFen(settlement.offsetFen) })}
          onSubmit={() => offset.mutateAsync({ contractId, occurredOn: today })}
        />
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        <ActionForm testId="refund-form" submitLabel={t("contracts.review.refund")} onSubmit={submit("REFUNDED")}>
          {common(settlement.refundableFen > 0 ? settlement.refundableFen : settlement.heldFen)}
          <MethodSelect />
          <div>
            <Label htmlFor="reference">{t("contracts.review.reference")}</Label>
            <Input id="reference" name="reference" />
          </div>
          {settlement.owedFen > 0 ? (
            <>
              <p className="text-xs text-slate-500">{t("contracts.review.settlement.overrideHint")}</p>
              <TextArea
                name="overrideOwedReason"
                label={t("contracts.review.settlement.overrideReason")}
                required={false}
              />
            </>
          ) : null}
        </ActionForm>
        <ActionForm
          testId="keep-form"
          variant="danger"
          submitLabel={t("contracts.review.keep")}
          onSubmit={submit("KEPT")}
        >
          {common(settlement.heldFen)}
          <TextArea name="reason" label={t("contracts.contract.reason")} />
        </ActionForm>
      </div>
    </div>
  );
}

/** A reversing entry for a wrong deposit entry (the wrong one stays in the ledger). */
export function ReverseDepositEntryForm({ entryId }: { entryId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const reverse = useMutation(trpc.contracts.reverseDepositEntry.mutationOptions());
  return (
    <details className="text-sm" data-testid={`reverse-${entryId}`}>
      <summary className="cursor-pointer whitespace-nowrap text-brand-700">{t("contracts.review.reverse")}</summary>
      <div className="mt-2 w-64">
        <ActionForm
          testId={`reverse-form-${entryId}`}
          variant="danger"
          submitLabel={t("contracts.review.reverseConfirm")}
          onSubmit={(form) => reverse.mutateAsync({ entryId, reason: field(form, "reason") })}
        >
          <TextArea name="reason" label={t("contracts.contract.reason")} />
        </ActionForm>
      </div>
    </details>
  );
}

export function TerminateForCauseForm({ contractId }: { contractId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const terminate = useMutation(trpc.contracts.terminateForCause.mutationOptions());
  return (
    <ActionForm
      testId="terminate-form"
      variant="danger"
      submitLabel={t("contracts.review.terminateForCause")}
      onSubmit={(form) =>
        terminate.mutateAsync({
          id: contractId,
          cause: field(form, "cause") as "PROHIBITED_CONTENT" | "CARRIER_POLICY",
          reason: field(form, "reason"),
        })
      }
    >
      <div>
        <Label htmlFor="cause">{t("contracts.review.cause")}</Label>
        <select
          id="cause"
          name="cause"
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="PROHIBITED_CONTENT">{t("contracts.contract.endReasons.PROHIBITED_CONTENT")}</option>
          <option value="CARRIER_POLICY">{t("contracts.contract.endReasons.CARRIER_POLICY")}</option>
        </select>
      </div>
      <TextArea name="reason" label={t("contracts.contract.reason")} />
    </ActionForm>
  );
}

export function TermsEditor({ contract }: { contract: TermsValues & { id: string; started: boolean } }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const update = useMutation(trpc.contracts.updateTerms.mutationOptions());
  const packages = useQuery(trpc.packages.list.queryOptions());
  return (
    <ActionForm
      testId="terms-form"
      submitLabel={t("contracts.review.saveTerms")}
      onSubmit={(form) => update.mutateAsync({ id: contract.id, terms: termsFromForm(form) })}
    >
      <TermsFields values={contract} packages={packages.data ?? []} lockStart={contract.started} />
    </ActionForm>
  );
}
