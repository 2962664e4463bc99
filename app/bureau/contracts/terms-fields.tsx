"use client";
// The negotiable terms as form fields, for the terms editor and the paper-contract entry.
import { field } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Input, Label } from "@/app/_components/ui";
import type { NegotiableTermsInput } from "@/server/contracts/inputs";
import type { MessageKey } from "@/server/i18n";
import { formatFen, parseYuanToFen } from "@/server/money";

export type TermsValues = Omit<NegotiableTermsInput, "packageCode"> & { packageCode: string };

const INTS: [keyof TermsValues, MessageKey][] = [
  ["paymentWindowStartDay", "bureau.settings.paymentWindowStartDay"],
  ["paymentWindowEndDay", "bureau.settings.paymentWindowEndDay"],
  ["graceDays", "bureau.settings.graceDays"],
  ["suspensionAfterDays", "bureau.settings.suspensionAfterDays"],
  ["changeCutoffDay", "bureau.settings.changeCutoffDay"],
  ["renewalYears", "bureau.settings.renewalYears"],
  ["objectionNoticeDays", "bureau.settings.objectionNoticeDays"],
  ["freePackageDailyCap", "bureau.settings.freePackageDailyCap"],
];

export function termsFromForm(form: FormData): NegotiableTermsInput {
  const int = (k: string) => Number.parseInt(field(form, k), 10);
  return {
    packageCode: field(form, "packageCode") || undefined,
    startDate: field(form, "startDate"),
    endDate: field(form, "endDate"),
    paymentWindowStartDay: int("paymentWindowStartDay"),
    paymentWindowEndDay: int("paymentWindowEndDay"),
    graceDays: int("graceDays"),
    suspensionAfterDays: int("suspensionAfterDays"),
    changeCutoffDay: int("changeCutoffDay"),
    renewalYears: int("renewalYears"),
    objectionNoticeDays: int("objectionNoticeDays"),
    freePackageDailyCap: int("freePackageDailyCap"),
    lateFeeRatePpm: Math.round(Number(field(form, "lateFeeRate")) * 10_000),
    depositFen: parseYuanToFen(field(form, "deposit")) ?? -1,
    arbitrationCommission: field(form, "arbitrationCommission"),
    signingPlace: field(form, "signingPlace"),
  };
}

export function TermsFields({
  values,
  packages,
  lockStart,
}: {
  values: TermsValues;
  packages: { code: string; nameZh: string; nameEn: string }[];
  lockStart: boolean;
}) {
  const { t, locale } = useI18n();
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <div>
        <Label htmlFor="packageCode">{t("contracts.contract.package")}</Label>
        <select
          id="packageCode"
          name="packageCode"
          defaultValue={values.packageCode}
          disabled={lockStart}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm disabled:bg-slate-50"
        >
          {packages.map((p) => (
            <option key={p.code} value={p.code}>
              {locale === "zh" ? p.nameZh : p.nameEn}
            </option>
          ))}
        </select>
      </div>
      <div>
        <Label htmlFor="startDate">{t("contracts.register.startDate")}</Label>
        <Input
          id="startDate"
          name="startDate"
          type="date"
          defaultValue={values.startDate}
          readOnly={lockStart}
          required
        />
      </div>
      <div>
        <Label htmlFor="endDate">{t("contracts.contract.validity")}</Label>
        <Input id="endDate" name="endDate" type="date" defaultValue={values.endDate} required />
      </div>
      {INTS.map(([key, label]) => (
        <div key={key}>
          <Label htmlFor={key}>{t(label)}</Label>
          <Input
            id={key}
            name={key}
            type="number"
            min={0}
            defaultValue={String(values[key])}
            required
            className="num"
          />
        </div>
      ))}
      <div>
        <Label htmlFor="lateFeeRate">{t("bureau.settings.lateFeeRate")}</Label>
        <Input
          id="lateFeeRate"
          name="lateFeeRate"
          inputMode="decimal"
          defaultValue={String(values.lateFeeRatePpm / 10_000)}
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
          defaultValue={formatFen(values.depositFen).replaceAll(",", "")}
          required
          className="num"
        />
      </div>
      <div>
        <Label htmlFor="arbitrationCommission">{t("bureau.settings.arbitrationCommission")}</Label>
        <Input
          id="arbitrationCommission"
          name="arbitrationCommission"
          defaultValue={values.arbitrationCommission}
          required
        />
      </div>
      <div>
        <Label htmlFor="signingPlace">{t("bureau.settings.signingPlace")}</Label>
        <Input id="signingPlace" name="signingPlace" defaultValue={values.signingPlace} required />
      </div>
    </div>
  );
}
