"use client";
// COMPLIANCE records a confirmed violation found outside the automatic checks (e.g. a complaint).
import { useMutation } from "@tanstack/react-query";
import { ActionForm, field, TextArea } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

const KINDS = ["CONTENT_REJECTED", "CONTENT_BLOCKED", "RECIPIENTS", "OTHER"] as const;
const select = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

export function RecordViolationForm({ enterprises }: { enterprises: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const record = useMutation(trpc.compliance.violations.record.mutationOptions());
  return (
    <ActionForm
      testId="record-violation"
      submitLabel={t("compliance.violations.record")}
      successText={() => t("compliance.violations.recorded")}
      onSubmit={(form) =>
        record.mutateAsync({
          enterpriseId: field(form, "enterpriseId"),
          kind: KINDS.find((k) => k === field(form, "kind")) ?? "OTHER",
          detail: field(form, "detail"),
        })
      }
    >
      <div>
        <Label htmlFor="violation-enterprise">{t("compliance.violations.enterprise")}</Label>
        <select id="violation-enterprise" name="enterpriseId" required className={select}>
          {enterprises.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <Label htmlFor="violation-kind">{t("compliance.violations.kind")}</Label>
        <select id="violation-kind" name="kind" defaultValue="OTHER" className={select}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`compliance.violations.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <TextArea name="detail" label={t("compliance.violations.detail")} />
    </ActionForm>
  );
}
