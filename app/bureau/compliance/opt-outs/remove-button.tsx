"use client";
// COMPLIANCE takes a number off the list when the recipient asked the bureau to receive again; the reason is audited.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Button, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function RemoveOptOutButton({ id, mobile }: { id: string; mobile: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const remove = useMutation(trpc.compliance.optOut.remove.mutationOptions({ onSuccess: () => router.refresh() }));
  if (!open) {
    return (
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        onClick={() => setOpen(true)}
        aria-label={`${t("compliance.optOuts.remove")} ${mobile}`}
      >
        {t("compliance.optOuts.remove")}
      </Button>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Input
        className="w-56"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={1000}
        placeholder={t("compliance.optOuts.removeReason")}
        aria-label={t("compliance.optOuts.removeReason")}
      />
      <Button
        variant="danger"
        className="px-2 py-1 text-xs"
        disabled={remove.isPending}
        onClick={() => remove.mutate({ id, reason })}
      >
        {t("app.confirm")}
      </Button>
      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setOpen(false)}>
        {t("app.cancel")}
      </Button>
      {remove.error ? <span className="text-xs text-red-600">{errorMessage(remove.error)}</span> : null}
    </span>
  );
}
