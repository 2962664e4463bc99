"use client";
// FINANCE's money forms on one account. Amounts are typed in 元 and sent as exact integer fen;
// the procedures validate again and answer in the reader's language.
import { useMutation } from "@tanstack/react-query";
import { ActionForm, field, TextArea } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import type { Translate } from "@/server/i18n";
import { formatFen, parseYuanToFen } from "@/server/money";

type Method = "CASH" | "CHEQUE" | "BANK_TRANSFER";
const METHODS: Method[] = ["BANK_TRANSFER", "CHEQUE", "CASH"];

/** 元 text → fen, or an error in the reader's language (ActionForm shows it). */
function amountFen(form: FormData, t: Translate): number {
  const fen = parseYuanToFen(field(form, "amount"));
  if (fen === null || fen <= 0) throw new Error(t("billingFinance.errors.amount"));
  return fen;
}

function required(form: FormData, name: string, message: string): string {
  const value = field(form, name);
  if (!value) throw new Error(message);
  return value;
}

function AmountField({ id, defaultFen }: { id: string; defaultFen?: number }) {
  const { t } = useI18n();
  return (
    <div>
      <Label htmlFor={id}>{t("billingFinance.forms.amount")}</Label>
      <Input
        id={id}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        className="num"
        defaultValue={defaultFen ? formatFen(defaultFen).replaceAll(",", "") : ""}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {t("billingFinance.forms.amountHint")}
      </p>
    </div>
  );
}

export function RecordPaymentForm({
  contractId,
  owedFen,
  today,
}: {
  contractId: string;
  owedFen: number;
  today: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const record = useMutation(trpc.billing.bureau.recordPayment.mutationOptions());
  return (
    <ActionForm
      testId="payment-form"
      submitLabel={t("billingFinance.forms.save")}
      successText={(result) => {
        const r = result as { settledStatementIds: string[]; reinstated: boolean };
        return [
          t("billingFinance.forms.paymentRecorded", { settled: r.settledStatementIds.length }),
          r.reinstated ? t("billingFinance.forms.reinstated") : "",
        ]
          .join(" ")
          .trim();
      }}
      onSubmit={(form) =>
        record.mutateAsync({
          contractId,
          amountFen: amountFen(form, t),
          method: field(form, "method") as Method,
          reference: required(form, "reference", t("billingFinance.errors.reference")),
          receivedOn: required(form, "receivedOn", t("billingFinance.errors.date")),
        })
      }
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <AmountField id="payment-amount" defaultFen={owedFen} />
        <div>
          <Label htmlFor="payment-method">{t("billingFinance.forms.method")}</Label>
          <select
            id="payment-method"
            name="method"
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`billing.paymentMethod.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="payment-reference">{t("billingFinance.forms.reference")}</Label>
          <Input id="payment-reference" name="reference" maxLength={100} />
        </div>
        <div>
          <Label htmlFor="payment-received-on">{t("billingFinance.forms.receivedOn")}</Label>
          <Input id="payment-received-on" name="receivedOn" type="date" max={today} defaultValue={today} />
        </div>
      </div>
    </ActionForm>
  );
}

export function CreditNoteForm({
  statements,
}: {
  statements: { id: string; number: string; period: string; totalFen: number }[];
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const issue = useMutation(trpc.billing.bureau.issueCreditNote.mutationOptions());
  return (
    <ActionForm
      testId="credit-note-form"
      submitLabel={t("billingFinance.forms.issue")}
      successText={(result) =>
        t("billingFinance.forms.creditNoteIssued", { number: (result as { number: string }).number })
      }
      onSubmit={(form) =>
        issue.mutateAsync({
          statementId: field(form, "statementId"),
          amountFen: amountFen(form, t),
          reason: required(form, "reason", t("billingFinance.errors.reason")),
        })
      }
    >
      <p className="text-sm text-slate-500">{t("billingFinance.forms.creditNoteHint")}</p>
      <div>
        <Label htmlFor="credit-statement">{t("billingFinance.forms.statement")}</Label>
        <select
          id="credit-statement"
          name="statementId"
          className="num block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {statements.map((s) => (
            <option key={s.id} value={s.id}>
              {s.number} · {s.period} · ¥{formatFen(s.totalFen)}
            </option>
          ))}
        </select>
      </div>
      <AmountField id="credit-amount" />
      <TextArea name="reason" label={t("billingFinance.forms.reason")} required={false} />
    </ActionForm>
  );
}

export function AdjustmentForm({ contractId }: { contractId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const add = useMutation(trpc.billing.bureau.addAdjustment.mutationOptions());
  return (
    <ActionForm
      testId="adjustment-form"
      submitLabel={t("billingFinance.forms.add")}
      successText={() => t("billingFinance.forms.adjustmentAdded")}
      onSubmit={(form) =>
        add.mutateAsync({
          contractId,
          amountFen: amountFen(form, t),
          reason: required(form, "reason", t("billingFinance.errors.reason")),
        })
      }
    >
      <p className="text-sm text-slate-500">{t("billingFinance.forms.adjustmentHint")}</p>
      <AmountField id="adjustment-amount" />
      <TextArea name="reason" label={t("billingFinance.forms.reason")} required={false} />
    </ActionForm>
  );
}
