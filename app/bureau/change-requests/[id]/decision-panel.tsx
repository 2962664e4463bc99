"use client";
// SALES decides a change request: approve (applied at once) or reject with a reason the customer reads.
import { useMutation } from "@tanstack/react-query";
import { ActionForm, field, TextArea } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function DecisionPanel({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const approve = useMutation(trpc.enterpriseChanges.approve.mutationOptions());
  const reject = useMutation(trpc.enterpriseChanges.reject.mutationOptions());
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title={t("team.review.approve")}>
        <ActionForm
          testId="approve-change"
          submitLabel={t("team.review.approve")}
          onSubmit={() => approve.mutateAsync({ id })}
        />
      </Card>
      <Card title={t("team.review.reject")}>
        <ActionForm
          testId="reject-change"
          variant="danger"
          submitLabel={t("team.review.reject")}
          onSubmit={(form) => reject.mutateAsync({ id, reason: field(form, "reason") })}
        >
          <TextArea name="reason" label={t("team.review.rejectReason")} />
        </ActionForm>
      </Card>
    </div>
  );
}
