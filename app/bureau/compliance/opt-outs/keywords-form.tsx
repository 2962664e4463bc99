"use client";
// The bureau admin edits the opt-out keywords (BureauConfig.optOutKeywords), one per line.
import { useMutation } from "@tanstack/react-query";
import { ActionForm, field } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { useTRPC } from "@/app/_trpc/client";

export function KeywordsForm({ keywords }: { keywords: string[] }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const update = useMutation(trpc.compliance.optOut.updateKeywords.mutationOptions());
  return (
    <ActionForm
      testId="opt-out-keywords-form"
      submitLabel={t("app.save")}
      successText={(saved) => t("compliance.keywords.saved", { count: (saved as string[]).length })}
      onSubmit={(form) => update.mutateAsync({ keywords: field(form, "keywords").split(/\r?\n/) })}
    >
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">{t("compliance.keywords.field")}</span>
        <textarea
          name="keywords"
          rows={6}
          defaultValue={keywords.join("\n")}
          className="block w-full max-w-xs rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm"
        />
      </label>
    </ActionForm>
  );
}
