"use client";
// The customer admin's side of a party-details change: propose new values, or withdraw a pending request.
import { useMutation } from "@tanstack/react-query";
import { ActionForm, field } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { PARTY_FIELDS, type PartyField } from "@/server/enterprises/party-fields";

/** Prefilled with the current values; the server keeps only the fields that differ. */
export function ChangeRequestForm({ current }: { current: Record<PartyField, string> }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const submit = useMutation(trpc.enterpriseChanges.submit.mutationOptions());
  return (
    <ActionForm
      testId="change-request-form"
      submitLabel={t("team.changes.submit")}
      successText={() => t("team.changes.submitted")}
      onSubmit={(form) => submit.mutateAsync(Object.fromEntries(PARTY_FIELDS.map((f) => [f, field(form, f)])))}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {PARTY_FIELDS.map((f) => (
          <div key={f}>
            <Label htmlFor={`change-${f}`}>{t(`party.${f}`)}</Label>
            <Input
              id={`change-${f}`}
              name={f}
              defaultValue={current[f]}
              required
              type={f === "contactEmail" ? "email" : "text"}
            />
          </div>
        ))}
      </div>
    </ActionForm>
  );
}

export function WithdrawChangeButton({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const withdraw = useMutation(trpc.enterpriseChanges.withdraw.mutationOptions());
  return (
    <ActionForm
      testId="withdraw-change"
      variant="secondary"
      submitLabel={t("team.changes.withdraw")}
      onSubmit={() => withdraw.mutateAsync({ id })}
    />
  );
}
