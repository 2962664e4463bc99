"use client";
// The customer admin's 业务变更记录表: pick the new package, give the reason, submit; or withdraw the
// pending one. The effective date shown is computed by the server with the cutoff rule.
import { useMutation } from "@tanstack/react-query";
import { ActionForm, field, TextArea } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function PackageChangeForm({ options, hint }: { options: { code: string; label: string }[]; hint: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const submit = useMutation(trpc.billing.submitPackageChange.mutationOptions());
  return (
    <ActionForm
      testId="package-change-form"
      submitLabel={t("billing.packageChange.submit")}
      successText={(result) =>
        t("billing.packageChange.submitted", { effectiveOn: (result as { effectiveOn: string }).effectiveOn })
      }
      onSubmit={(form) =>
        submit.mutateAsync({ packageCode: field(form, "packageCode"), reason: field(form, "reason") })
      }
    >
      <div>
        <Label htmlFor="package-change-package">{t("billing.packageChange.choose")}</Label>
        <select
          id="package-change-package"
          name="packageCode"
          required
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          data-testid="package-change-package"
        >
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <TextArea name="reason" label={t("billing.packageChange.reason")} />
      <p className="text-sm text-slate-600" data-testid="package-change-hint">
        {hint}
      </p>
    </ActionForm>
  );
}

export function WithdrawPackageChangeButton({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const withdraw = useMutation(trpc.billing.withdrawPackageChange.mutationOptions());
  return (
    <ActionForm
      testId="package-change-withdraw"
      variant="secondary"
      submitLabel={t("billing.packageChange.withdraw")}
      onSubmit={() => withdraw.mutateAsync({ id })}
    />
  );
}
