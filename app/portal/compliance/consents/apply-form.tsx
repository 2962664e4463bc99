"use client";
// The consent application: a multipart upload (the letter is a file), posted to ./apply.
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { Alert, Button, Input, Label } from "@/app/_components/ui";

export function ConsentApplicationForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    setPending(true);
    setMessage(null);
    try {
      const response = await fetch("/portal/compliance/consents/apply", {
        method: "POST",
        body: new FormData(element),
      });
      const body = (await response.json().catch(() => null)) as {
        numbers?: number;
        error?: { message?: string };
      } | null;
      if (!response.ok) {
        setMessage({ tone: "error", text: body?.error?.message ?? `HTTP ${response.status}` });
        return;
      }
      setMessage({ tone: "success", text: t("compliance.consents.submitted", { count: body?.numbers ?? 0 }) });
      element.reset();
      router.refresh();
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setPending(false);
    }
  }

  const textArea =
    "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none";
  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="consent-form">
      <div>
        <Label htmlFor="consent-reason">{t("compliance.consents.reason")}</Label>
        <textarea id="consent-reason" name="reason" required maxLength={1000} rows={2} className={textArea} />
      </div>
      <div>
        <Label htmlFor="consent-numbers">{t("compliance.consents.numbers")}</Label>
        <textarea
          id="consent-numbers"
          name="numbers"
          rows={4}
          className={`${textArea} font-mono`}
          placeholder={"13912345678\n+86 139 1234 5679"}
        />
        <p className="mt-1 text-xs text-slate-500">{t("compliance.consents.numbersHint")}</p>
      </div>
      <div>
        <Label htmlFor="consent-list">{t("compliance.consents.listFile")}</Label>
        <Input id="consent-list" name="listFile" type="file" accept=".txt,.csv,text/plain,text/csv" />
      </div>
      <div>
        <Label htmlFor="consent-letter">{t("compliance.consents.letter")}</Label>
        <Input
          id="consent-letter"
          name="letter"
          type="file"
          required
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
        />
      </div>
      {message ? (
        <Alert tone={message.tone} testId="consent-message">
          {message.text}
        </Alert>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? t("compliance.consents.submitting") : t("compliance.consents.submit")}
      </Button>
    </form>
  );
}
