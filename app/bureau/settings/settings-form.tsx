"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Card, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import type { BureauConfigInput } from "@/server/bureau/config";
import type { MessageKey } from "@/server/i18n";
import { formatFen, parseYuanToFen } from "@/server/money";

type TextKey =
  | "name"
  | "legalRepresentative"
  | "address"
  | "phone"
  | "uscc"
  | "bankName"
  | "bankAccount"
  | "signingPlace"
  | "arbitrationCommission";
type IntKey =
  | "paymentWindowStartDay"
  | "paymentWindowEndDay"
  | "graceDays"
  | "suspensionAfterDays"
  | "changeCutoffDay"
  | "renewalYears"
  | "objectionNoticeDays"
  | "freePackageDailyCap";

const PARTY: [TextKey, MessageKey][] = [
  ["name", "party.name"],
  ["legalRepresentative", "party.legalRepresentative"],
  ["address", "party.address"],
  ["phone", "party.phone"],
  ["uscc", "party.uscc"],
  ["bankName", "party.bankName"],
  ["bankAccount", "party.bankAccount"],
  ["signingPlace", "bureau.settings.signingPlace"],
  ["arbitrationCommission", "bureau.settings.arbitrationCommission"],
];
const TERMS: [IntKey, MessageKey][] = [
  ["paymentWindowStartDay", "bureau.settings.paymentWindowStartDay"],
  ["paymentWindowEndDay", "bureau.settings.paymentWindowEndDay"],
  ["graceDays", "bureau.settings.graceDays"],
  ["suspensionAfterDays", "bureau.settings.suspensionAfterDays"],
  ["changeCutoffDay", "bureau.settings.changeCutoffDay"],
  ["renewalYears", "bureau.settings.renewalYears"],
  ["objectionNoticeDays", "bureau.settings.objectionNoticeDays"],
  ["freePackageDailyCap", "bureau.settings.freePackageDailyCap"],
];

/** ppm per day → percent text, e.g. 500 → "0.05". */
const ppmToPercent = (ppm: number) => String(ppm / 10_000);
const percentToPpm = (text: string) => Math.round(Number(text) * 10_000);

export function SettingsForm({ initial, editable }: { initial: BureauConfigInput; editable: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const update = useMutation(trpc.settings.update.mutationOptions());

  async function onSubmit(form: FormData) {
    setMessage(null);
    const text = (k: string) => String(form.get(k) ?? "");
    const depositFen = parseYuanToFen(text("deposit"));
    const rate = text("lateFeeRate");
    if (depositFen === null || !/^\d+(\.\d{1,4})?$/.test(rate)) {
      setMessage({
        tone: "error",
        text: t("errors.INVALID_REQUEST", {
          detail: `${t("bureau.settings.deposit")} / ${t("bureau.settings.lateFeeRate")}`,
        }),
      });
      return;
    }
    const input = {
      ...Object.fromEntries(PARTY.map(([k]) => [k, text(k)])),
      ...Object.fromEntries(TERMS.map(([k]) => [k, Number.parseInt(text(k), 10)])),
      lateFeeRatePpm: percentToPpm(rate),
      depositFen,
    } as BureauConfigInput;
    try {
      await update.mutateAsync(input);
      setMessage({ tone: "success", text: t("app.saved") });
      router.refresh();
    } catch (error) {
      setMessage({ tone: "error", text: errorMessage(error) });
    }
  }

  return (
    <form action={onSubmit} className="space-y-6">
      <fieldset disabled={!editable || update.isPending} className="space-y-6">
        <Card title={t("bureau.settings.party")}>
          <div className="grid gap-4 sm:grid-cols-2">
            {PARTY.map(([key, label]) => (
              <div key={key}>
                <Label htmlFor={key}>{t(label)}</Label>
                <Input id={key} name={key} defaultValue={initial[key]} required />
              </div>
            ))}
          </div>
        </Card>
        <Card title={t("bureau.settings.terms")}>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {TERMS.map(([key, label]) => (
              <div key={key}>
                <Label htmlFor={key}>{t(label)}</Label>
                <Input id={key} name={key} type="number" min={0} defaultValue={initial[key]} required className="num" />
              </div>
            ))}
            <div>
              <Label htmlFor="lateFeeRate">{t("bureau.settings.lateFeeRate")}</Label>
              <Input
                id="lateFeeRate"
                name="lateFeeRate"
                inputMode="decimal"
                defaultValue={ppmToPercent(initial.lateFeeRatePpm)}
                required
                className="num"
              />
            </div>
            <div>
              <Label htmlFor="deposit">{t("bureau.settings.deposit")}</Label>
              <Input
                id="deposit"
                name="deposit"
                inputMode="decimal"
                defaultValue={formatFen(initial.depositFen)}
                required
                className="num"
              />
            </div>
          </div>
        </Card>
      </fieldset>
      {message ? (
        <Alert tone={message.tone} testId="settings-message">
          {message.text}
        </Alert>
      ) : null}
      {editable ? (
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t("app.saving") : t("app.save")}
        </Button>
      ) : null}
    </form>
  );
}
