"use client";
// COMPLIANCE releases a held job (optionally with a note) or rejects it with a reason the customer reads.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Button, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function ReviewDecision({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [note, setNote] = useState("");
  const done = { onSuccess: () => router.refresh() };
  const approve = useMutation(trpc.compliance.review.approve.mutationOptions(done));
  const reject = useMutation(trpc.compliance.review.reject.mutationOptions(done));
  const pending = approve.isPending || reject.isPending;
  const error = approve.error ?? reject.error;
  return (
    <div className="flex min-w-64 flex-col gap-2" data-testid={`review-decision-${id}`}>
      <Input
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={1000}
        placeholder={t("compliance.review.reason")}
        aria-label={t("compliance.review.reason")}
      />
      <div className="flex gap-2">
        <Button
          className="px-2 py-1 text-xs"
          disabled={pending}
          onClick={() => approve.mutate({ id, note: note.trim() || null })}
        >
          {t("compliance.review.approve")}
        </Button>
        <Button
          variant="danger"
          className="px-2 py-1 text-xs"
          disabled={pending}
          onClick={() => reject.mutate({ id, reason: note })}
        >
          {t("compliance.review.reject")}
        </Button>
      </div>
      {error ? <span className="text-xs text-red-600">{errorMessage(error)}</span> : null}
    </div>
  );
}
