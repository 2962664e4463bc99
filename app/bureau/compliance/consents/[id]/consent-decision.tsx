"use client";
// COMPLIANCE approves a consent with a scope (all requested numbers, or some) and a last valid
// China date, or rejects it with a reason the customer reads.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ActionForm, field, TextArea } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Card, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function ConsentDecision({ id, defaultUntil }: { id: string; defaultUntil: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const approve = useMutation(trpc.compliance.consent.approve.mutationOptions());
  const reject = useMutation(trpc.compliance.consent.reject.mutationOptions());
  const [scope, setScope] = useState<"all" | "some">("all");
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title={t("compliance.consents.approve")}>
        <ActionForm
          testId="approve-consent"
          submitLabel={t("compliance.consents.approve")}
          successText={(r) => t("compliance.consents.approvedResult", { count: (r as { approved: number }).approved })}
          onSubmit={(form) =>
            approve.mutateAsync({
              id,
              numbers:
                scope === "all"
                  ? null
                  : field(form, "numbers")
                      .split(/[\s,;，；]+/)
                      .filter(Boolean),
              validUntilDate: field(form, "validUntilDate"),
              note: field(form, "note") || null,
            })
          }
        >
          <p className="text-sm text-slate-500">{t("compliance.consents.approveIntro")}</p>
          <fieldset className="space-y-1 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" checked={scope === "all"} onChange={() => setScope("all")} />
              {t("compliance.consents.scopeAll")}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" checked={scope === "some"} onChange={() => setScope("some")} />
              {t("compliance.consents.scopeSome")}
            </label>
          </fieldset>
          {scope === "some" ? (
            <textarea
              name="numbers"
              rows={4}
              required
              aria-label={t("compliance.consents.scopeSome")}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm"
            />
          ) : null}
          <div>
            <Label htmlFor="valid-until">{t("compliance.consents.validUntilDate")}</Label>
            <Input id="valid-until" name="validUntilDate" type="date" required defaultValue={defaultUntil} />
          </div>
          <TextArea name="note" label={t("compliance.consents.note")} required={false} />
        </ActionForm>
      </Card>
      <Card title={t("compliance.consents.reject")}>
        <ActionForm
          testId="reject-consent"
          variant="danger"
          submitLabel={t("compliance.consents.reject")}
          onSubmit={(form) => reject.mutateAsync({ id, reason: field(form, "reason") })}
        >
          <TextArea name="reason" label={t("compliance.consents.rejectReason")} />
        </ActionForm>
      </Card>
    </div>
  );
}
