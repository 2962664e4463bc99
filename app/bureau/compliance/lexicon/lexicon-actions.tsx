"use client";
// Adding and deleting lexicon terms, and trying a text against the lexicon as sending screens it.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionForm, field } from "@/app/_components/action-form";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function AddTermForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const create = useMutation(trpc.compliance.lexicon.create.mutationOptions());
  return (
    <ActionForm
      testId="add-term"
      submitLabel={t("compliance.lexicon.add")}
      successText={() => t("compliance.lexicon.added")}
      onSubmit={(form) =>
        create.mutateAsync({
          term: field(form, "term"),
          action: field(form, "action") === "REVIEW" ? "REVIEW" : "BLOCK",
          note: field(form, "note") || null,
        })
      }
    >
      <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
        <div>
          <Label htmlFor="term">{t("compliance.lexicon.term")}</Label>
          <Input id="term" name="term" required maxLength={100} />
        </div>
        <div>
          <Label htmlFor="term-action">{t("compliance.lexicon.action")}</Label>
          <select
            id="term-action"
            name="action"
            className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          >
            <option value="BLOCK">{t("compliance.lexicon.actions.BLOCK")}</option>
            <option value="REVIEW">{t("compliance.lexicon.actions.REVIEW")}</option>
          </select>
        </div>
      </div>
      <div>
        <Label htmlFor="term-note">{t("compliance.lexicon.note")}</Label>
        <Input id="term-note" name="note" maxLength={500} />
      </div>
    </ActionForm>
  );
}

export function RemoveTermButton({ id, term }: { id: string; term: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.compliance.lexicon.remove.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="flex items-center gap-2">
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={remove.isPending}
        onClick={() => remove.mutate({ id })}
        aria-label={`${t("compliance.lexicon.remove")} ${term}`}
      >
        {t("compliance.lexicon.remove")}
      </Button>
      {remove.error ? <span className="text-xs text-red-600">{errorMessage(remove.error)}</span> : null}
    </span>
  );
}

export function TryScreening() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const screen = useMutation(trpc.compliance.lexicon.screen.mutationOptions());
  const [text, setText] = useState("");
  const result = screen.data;
  const terms = result ? [...result.blockTerms, ...result.reviewTerms] : [];
  return (
    <div className="space-y-3">
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={3}
        maxLength={2000}
        aria-label={t("compliance.lexicon.tryText")}
        placeholder={t("compliance.lexicon.tryText")}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
      />
      <Button
        type="button"
        variant="secondary"
        disabled={screen.isPending || !text.trim()}
        onClick={() => screen.mutate({ text })}
      >
        {t("compliance.lexicon.tryRun")}
      </Button>
      {result ? (
        <Alert
          tone={result.verdict === "OK" ? "success" : result.verdict === "BLOCK" ? "error" : "info"}
          testId="screen-result"
        >
          {t(`compliance.lexicon.verdicts.${result.verdict}`)}
          {terms.length > 0 ? ` · ${t("compliance.lexicon.matched", { terms: terms.join("、") })}` : ""}
        </Alert>
      ) : null}
      {screen.error ? <Alert tone="error">{errorMessage(screen.error)}</Alert> : null}
    </div>
  );
}

/** Changes a term in place: its wording, its action (BLOCK ↔ REVIEW) or its note. */
export function EditTermButton({
  term,
}: {
  term: { id: string; term: string; action: "BLOCK" | "REVIEW"; note: string | null };
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState({ term: term.term, action: term.action, note: term.note ?? "" });
  const update = useMutation(
    trpc.compliance.lexicon.update.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    }),
  );
  if (!open) {
    return (
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        onClick={() => setOpen(true)}
        aria-label={`${t("compliance.lexicon.edit")} ${term.term}`}
      >
        {t("compliance.lexicon.edit")}
      </Button>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid={`edit-term-${term.term}`}>
      <Input
        className="w-36"
        value={draft.term}
        onChange={(e) => setDraft({ ...draft, term: e.target.value })}
        maxLength={100}
        aria-label={t("compliance.lexicon.term")}
      />
      <select
        value={draft.action}
        onChange={(e) => setDraft({ ...draft, action: e.target.value === "REVIEW" ? "REVIEW" : "BLOCK" })}
        aria-label={t("compliance.lexicon.action")}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value="BLOCK">{t("compliance.lexicon.actions.BLOCK")}</option>
        <option value="REVIEW">{t("compliance.lexicon.actions.REVIEW")}</option>
      </select>
      <Input
        className="w-40"
        value={draft.note}
        onChange={(e) => setDraft({ ...draft, note: e.target.value })}
        maxLength={500}
        aria-label={t("compliance.lexicon.note")}
      />
      <Button
        className="px-2 py-1 text-xs"
        disabled={update.isPending}
        onClick={() =>
          update.mutate({ id: term.id, term: draft.term, action: draft.action, note: draft.note.trim() || null })
        }
      >
        {t("app.save")}
      </Button>
      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setOpen(false)}>
        {t("app.cancel")}
      </Button>
      {update.error ? <span className="text-xs text-red-600">{errorMessage(update.error)}</span> : null}
    </span>
  );
}
