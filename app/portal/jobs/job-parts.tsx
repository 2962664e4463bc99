"use client";
// Client parts of the job pages: the progress bar, polling while a job is live, and cancel.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

/** Re-renders the server page every few seconds while `active` (jobs still sending). */
export function LiveRefresh({ active, intervalMs = 3_000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  const { t } = useI18n();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return active ? (
    <span className="text-xs text-slate-500" data-testid="live-refresh">
      {t("portalSending.jobs.live")}
    </span>
  ) : null;
}

export function ProgressBar({ percent, label, testId }: { percent: number; label: string; testId?: string }) {
  return (
    <div className="flex min-w-32 items-center gap-2" data-testid={testId} data-percent={percent}>
      <div
        className="h-2 flex-1 overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={label}
      >
        <div
          className={`h-full ${percent >= 100 ? "bg-emerald-500" : "bg-brand-600"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <span className="num w-10 text-right text-xs text-slate-600">{percent}%</span>
    </div>
  );
}

export function CancelJobButton({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const cancel = useMutation(trpc.sending.cancel.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="danger"
        className="px-2 py-1 text-xs"
        disabled={cancel.isPending}
        data-testid="cancel-job"
        onClick={() => {
          if (window.confirm(t("portalSending.jobs.confirmCancel"))) cancel.mutate({ jobId });
        }}
      >
        {t("portalSending.jobs.cancel")}
      </Button>
      {cancel.error ? <span className="text-xs text-red-600">{errorMessage(cancel.error)}</span> : null}
    </span>
  );
}
