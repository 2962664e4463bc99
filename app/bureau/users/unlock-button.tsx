"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function UnlockButton({ userId }: { userId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const unlock = useMutation(trpc.users.unlock.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <>
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={unlock.isPending}
        onClick={() => unlock.mutate({ userId })}
      >
        {t("bureau.users.unlock")}
      </Button>
      {unlock.error ? <span className="text-xs text-red-600">{errorMessage(unlock.error)}</span> : null}
    </>
  );
}
