"use client";
// A small form that runs one mutation, shows its error in the user's language and refreshes the page.
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { useI18n } from "./i18n";
import { errorMessage } from "./trpc-error";
import { Alert, Button } from "./ui";

export function ActionForm(props: {
  submitLabel: string;
  onSubmit: (form: FormData) => Promise<unknown>;
  children?: ReactNode;
  variant?: "primary" | "secondary" | "danger";
  testId?: string;
  successText?: (result: unknown) => string | null;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  return (
    <form
      data-testid={props.testId}
      className="space-y-3"
      action={async (form) => {
        setPending(true);
        setMessage(null);
        try {
          const result = await props.onSubmit(form);
          const text = props.successText?.(result) ?? null;
          setMessage(text ? { tone: "success", text } : null);
          router.refresh();
        } catch (error) {
          setMessage({ tone: "error", text: errorMessage(error) });
        } finally {
          setPending(false);
        }
      }}
    >
      {props.children}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button type="submit" variant={props.variant ?? "primary"} disabled={pending}>
        {pending ? t("app.saving") : props.submitLabel}
      </Button>
    </form>
  );
}

export function TextArea({ name, label, required = true }: { name: string; label: string; required?: boolean }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <textarea
        name={name}
        required={required}
        rows={3}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none"
      />
    </label>
  );
}

export const field = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
