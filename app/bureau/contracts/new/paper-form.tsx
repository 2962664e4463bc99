"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ActionForm, field } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Alert, Card, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import type { PartyFields } from "@/server/enterprises/details";
import { TermsFields, termsFromForm, type TermsValues } from "../terms-fields";

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

export function PaperContractForm({ defaults, today }: { defaults: TermsValues; today: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const packages = useQuery(trpc.packages.list.queryOptions());
  const enter = useMutation(trpc.contracts.enterPaper.mutationOptions());
  const [result, setResult] = useState<{
    number: string;
    adminEmail: string;
    initialPassword: string;
    contractId: string;
  } | null>(null);
  if (result) {
    return (
      <Card>
        <Alert tone="success" testId="paper-done">
          {t("contracts.review.paperDone", {
            number: result.number,
            email: result.adminEmail,
            password: result.initialPassword,
          })}
        </Alert>
        <Link
          href={`/bureau/contracts/${result.contractId}`}
          className="mt-4 inline-block text-sm text-brand-700 hover:underline"
        >
          {result.number} →
        </Link>
      </Card>
    );
  }
  return (
    <ActionForm
      testId="paper-form"
      submitLabel={t("app.save")}
      onSubmit={async (form) => {
        const terms = termsFromForm(form);
        const created = await enter.mutateAsync({
          enterprise: Object.fromEntries(FIELDS.map((f) => [f, field(form, f)])) as unknown as PartyFields,
          admin: { name: field(form, "adminName"), email: field(form, "adminEmail") },
          packageCode: terms.packageCode ?? defaults.packageCode,
          signedOn: field(form, "signedOn"),
          terms,
        });
        setResult(created);
        return created;
      }}
    >
      <Card title={t("contracts.contract.enterprise")}>
        <div className="grid gap-3 sm:grid-cols-2">
          {FIELDS.map((f) => (
            <div key={f}>
              <Label htmlFor={`p-${f}`}>{t(`party.${f}`)}</Label>
              <Input id={`p-${f}`} name={f} required />
            </div>
          ))}
          <div>
            <Label htmlFor="adminName">{t("contracts.register.adminName")}</Label>
            <Input id="adminName" name="adminName" required />
          </div>
          <div>
            <Label htmlFor="adminEmail">{t("contracts.register.adminEmail")}</Label>
            <Input id="adminEmail" name="adminEmail" type="email" required />
          </div>
          <div>
            <Label htmlFor="signedOn">{t("contracts.contract.signedOn")}</Label>
            <Input id="signedOn" name="signedOn" type="date" defaultValue={today} required />
          </div>
        </div>
      </Card>
      <Card title={t("contracts.contract.terms")}>
        <TermsFields values={defaults} packages={packages.data ?? []} lockStart={false} />
      </Card>
    </ActionForm>
  );
}
