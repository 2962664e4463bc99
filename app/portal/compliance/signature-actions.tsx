"use client";
// The customer admin applies for a signature or withdraws a pending one.
import { useMutation } from "@tanstack/react-query";
import { ActionForm, field } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Button, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { useRouter } from "next/navigation";

export function SignatureForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const submit = useMutation(trpc.compliance.signature.submit.mutationOptions());
  return (
    <ActionForm
      testId="signature-form"
      submitLabel={t("compliance.signature.submit")}
      onSubmit={(form) => submit.mutateAsync({ text: field(form, "text") })}
    >
      <div>
        <Label htmlFor="signature-text">{t("compliance.signature.text")}</Label>
        <Input id="signature-text" name="text" required maxLength={40} placeholder="【示例科技】" />
      </div>
    </ActionForm>
  );
}

export function WithdrawSignatureButton({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const withdraw = useMutation(
    trpc.compliance.signature.withdraw.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <span className="flex items-center gap-2">
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate({ id })}
      >
        {t("compliance.signature.withdraw")}
      </Button>
      {withdraw.error ? <span className="text-xs text-red-600">{errorMessage(withdraw.error)}</span> : null}
    </span>
  );
}
