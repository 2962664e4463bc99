"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function WithdrawConsentButton({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const withdraw = useMutation(trpc.compliance.consent.withdraw.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="flex items-center gap-2">
      {withdraw.error ? <span className="text-xs text-red-600">{errorMessage(withdraw.error)}</span> : null}
      <Button variant="secondary" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ id })}>
        {t("compliance.consents.withdraw")}
      </Button>
    </span>
  );
}
