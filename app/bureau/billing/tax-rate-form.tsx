"use client";
// FINANCE sets the VAT rate from a future date; typed as a percentage, sent as exact basis points.
import { useMutation } from "@tanstack/react-query";
import { ActionForm, field } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { percentToBp } from "@/server/billing/tax";

export function TaxRateForm({ earliest }: { earliest: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const save = useMutation(trpc.billing.bureau.setTaxRate.mutationOptions());
  return (
    <ActionForm
      testId="tax-rate-form"
      submitLabel={t("billingFinance.taxRate.save")}
      successText={() => t("billingFinance.taxRate.saved")}
      onSubmit={(form) => {
        const rateBp = percentToBp(field(form, "rate"));
        if (rateBp === null) throw new Error(t("errors.TAX_RATE_INVALID"));
        return save.mutateAsync({ rateBp, effectiveOn: field(form, "effectiveOn") });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor="tax-rate">{t("billingFinance.taxRate.rate")}</Label>
          <Input id="tax-rate" name="rate" inputMode="decimal" autoComplete="off" className="num" />
        </div>
        <div>
          <Label htmlFor="tax-rate-effective-on">{t("billingFinance.taxRate.effectiveOn")}</Label>
          <Input
            id="tax-rate-effective-on"
            name="effectiveOn"
            type="date"
            min={earliest}
            defaultValue={earliest}
            required
          />
        </div>
      </div>
    </ActionForm>
  );
}
