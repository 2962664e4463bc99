"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function RunNowButton({ functionId }: { functionId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const run = useMutation(
    trpc.jobs.runNow.mutationOptions({
      // The runner in this process picks the run up within a moment; show it queued, then refresh.
      onSuccess: () => {
        router.refresh();
        setTimeout(() => router.refresh(), 1500);
      },
    }),
  );
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={run.isPending}
        onClick={() => run.mutate({ functionId })}
        data-testid={`run-now-${functionId}`}
      >
        {t("bureau.jobs.runNow")}
      </Button>
      {run.isSuccess ? <span className="text-xs text-emerald-700">{t("bureau.jobs.started")}</span> : null}
      {run.error ? <span className="text-xs text-red-600">{errorMessage(run.error)}</span> : null}
    </span>
  );
}
