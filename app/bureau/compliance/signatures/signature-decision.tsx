"use client";
// COMPLIANCE approves a signature, or rejects it with a reason the customer reads.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Button, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function SignatureDecision({ id, text }: { id: string; text: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const done = { onSuccess: () => router.refresh() };
  const approve = useMutation(trpc.compliance.signature.approve.mutationOptions(done));
  const reject = useMutation(trpc.compliance.signature.reject.mutationOptions(done));
  const pending = approve.isPending || reject.isPending;
  const error = approve.error ?? reject.error;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid={`signature-decision-${text}`}>
      {rejecting ? (
        <>
          <Input
            className="w-56"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t("compliance.consents.rejectReason")}
            aria-label={t("compliance.consents.rejectReason")}
            maxLength={1000}
          />
          <Button
            variant="danger"
            className="px-2 py-1 text-xs"
            disabled={pending}
            onClick={() => reject.mutate({ id, reason })}
          >
            {t("compliance.consents.reject")}
          </Button>
          <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setRejecting(false)}>
            {t("app.cancel")}
          </Button>
        </>
      ) : (
        <>
          <Button className="px-2 py-1 text-xs" disabled={pending} onClick={() => approve.mutate({ id })}>
            {t("compliance.consents.approve")}
          </Button>
          <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setRejecting(true)}>
            {t("compliance.consents.reject")}
          </Button>
        </>
      )}
      {error ? <span className="text-xs text-red-600">{errorMessage(error)}</span> : null}
    </div>
  );
}
