"use client";
// The customer's and the bureau's actions on a contract; each one mutation, each refreshes the page.
import { useMutation } from "@tanstack/react-query";
import type { Party } from "@/server/generated/prisma/enums";
import { formatChinaDate, fromDbDate } from "@/server/clock";
import { useTRPC } from "../_trpc/client";
import { ActionForm, field, TextArea } from "./action-form";
import { useI18n } from "./i18n";
import { Input, Label } from "./ui";

export function ObjectionForm({ side, contractId }: { side: Party; contractId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const customer = useMutation(trpc.contracts.lodgeObjection.mutationOptions());
  const bureau = useMutation(trpc.contracts.bureauObjection.mutationOptions());
  return (
    <ActionForm
      testId="objection-form"
      submitLabel={t("contracts.contract.lodgeObjection")}
      onSubmit={(form) =>
        side === "CUSTOMER"
          ? customer.mutateAsync({ reason: field(form, "reason") })
          : bureau.mutateAsync({ id: contractId, reason: field(form, "reason") })
      }
    >
      <TextArea name="reason" label={t("contracts.contract.reason")} />
    </ActionForm>
  );
}

export function TerminationRequestForm({ side, contractId }: { side: Party; contractId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const customer = useMutation(trpc.contracts.requestTermination.mutationOptions());
  const bureau = useMutation(trpc.contracts.bureauRequestTermination.mutationOptions());
  return (
    <ActionForm
      testId="termination-form"
      variant="secondary"
      submitLabel={t("contracts.contract.requestTermination")}
      onSubmit={(form) => {
        const input = { reason: field(form, "reason"), effectiveOn: field(form, "effectiveOn") };
        return side === "CUSTOMER" ? customer.mutateAsync(input) : bureau.mutateAsync({ ...input, contractId });
      }}
    >
      <div>
        <Label htmlFor="effectiveOn">{t("contracts.contract.effectiveOn")}</Label>
        <Input id="effectiveOn" name="effectiveOn" type="date" required />
      </div>
      <TextArea name="reason" label={t("contracts.contract.reason")} />
    </ActionForm>
  );
}

/** A pending request: the other side confirms or declines, the requesting side may withdraw. */
export function TerminationDecision({
  side,
  request,
}: {
  side: Party;
  request: { id: string; requestedBy: Party; reason: string; effectiveOn: Date };
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const customer = useMutation(trpc.contracts.decideTermination.mutationOptions());
  const bureau = useMutation(trpc.contracts.bureauDecideTermination.mutationOptions());
  const decide = (decision: "CONFIRM" | "DECLINE" | "WITHDRAW") =>
    (side === "CUSTOMER" ? customer : bureau).mutateAsync({ requestId: request.id, decision });
  const own = request.requestedBy === side;
  return (
    <div
      className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm"
      data-testid="termination-pending"
    >
      <p>
        {t("contracts.contract.terminationPending", {
          party: t(`contracts.contract.parties.${request.requestedBy}`),
          date: formatChinaDate(fromDbDate(request.effectiveOn)),
          reason: request.reason,
        })}
      </p>
      <div className="flex gap-2">
        {own ? (
          <ActionForm
            variant="secondary"
            submitLabel={t("contracts.contract.withdraw")}
            onSubmit={() => decide("WITHDRAW")}
          />
        ) : (
          <>
            <ActionForm
              variant="danger"
              submitLabel={t("contracts.contract.confirm")}
              onSubmit={() => decide("CONFIRM")}
            />
            <ActionForm
              variant="secondary"
              submitLabel={t("contracts.contract.decline")}
              onSubmit={() => decide("DECLINE")}
            />
          </>
        )}
      </div>
    </div>
  );
}
