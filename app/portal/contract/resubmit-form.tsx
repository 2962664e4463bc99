"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ActionForm, field } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import type { PartyFields } from "@/server/enterprises/details";

const FIELDS = [
  "name",
  "uscc",
  "legalRepresentative",
  "address",
  "phone",
  "bankName",
  "bankAccount",
  "contactName",
  "contactEmail",
  "contactMobile",
] as const;

export function ResubmitForm({ enterprise, packageCode }: { enterprise: PartyFields; packageCode: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const packages = useQuery(trpc.packages.list.queryOptions());
  const resubmit = useMutation(trpc.contracts.resubmit.mutationOptions());
  return (
    <ActionForm
      testId="resubmit-form"
      submitLabel={t("contracts.contract.resubmit")}
      onSubmit={(form) =>
        resubmit.mutateAsync({
          enterprise: Object.fromEntries(FIELDS.map((f) => [f, field(form, f)])) as unknown as PartyFields,
          packageCode: field(form, "packageCode"),
        })
      }
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <div key={f}>
            <Label htmlFor={`r-${f}`}>{t(`party.${f}`)}</Label>
            <Input id={`r-${f}`} name={f} defaultValue={enterprise[f]} required />
          </div>
        ))}
        <div>
          <Label htmlFor="r-package">{t("contracts.contract.package")}</Label>
          <select
            id="r-package"
            name="packageCode"
            defaultValue={packageCode}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {packages.data?.map((p) => (
              <option key={p.code} value={p.code}>
                {locale === "zh" ? p.nameZh : p.nameEn}
              </option>
            ))}
          </select>
        </div>
      </div>
    </ActionForm>
  );
}
