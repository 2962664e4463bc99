"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { meetsPasswordPolicy } from "@/server/auth/password-policy";

export function ResetForm({ token, email }: { token: string; email: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const complete = useMutation(trpc.passwordReset.complete.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  if (complete.isSuccess) {
    return (
      <div className="space-y-4">
        <Alert tone="success" testId="reset-done">
          {t("passwordReset.complete.done")}
        </Alert>
        <Link
          href={`/login?email=${encodeURIComponent(email)}`}
          className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("passwordReset.complete.goLogin")}
        </Link>
      </div>
    );
  }

  // onSubmit rather than a form action: a refused password keeps what was typed.
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("passwordConfirm") ?? ""))
      return setError(t("passwordReset.complete.passwordsDiffer"));
    if (!meetsPasswordPolicy(password, email)) return setError(t("errors.PASSWORD_POLICY"));
    try {
      await complete.mutateAsync({ token, newPassword: password });
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <Label htmlFor="password">{t("passwordReset.complete.password")}</Label>
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
        <p className="mt-1 text-xs text-slate-500">{t("account.passwordPolicy")}</p>
      </div>
      <div>
        <Label htmlFor="passwordConfirm">{t("passwordReset.complete.passwordConfirm")}</Label>
        <Input id="passwordConfirm" name="passwordConfirm" type="password" autoComplete="new-password" required />
      </div>
      {error ? (
        <Alert tone="error" testId="reset-error">
          {error}
        </Alert>
      ) : null}
      <Button type="submit" className="w-full" disabled={complete.isPending}>
        {complete.isPending ? t("passwordReset.complete.submitting") : t("passwordReset.complete.submit")}
      </Button>
    </form>
  );
}
