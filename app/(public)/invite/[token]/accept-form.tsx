"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { meetsPasswordPolicy } from "@/server/auth/password-policy";

export function AcceptForm({ token, email, name }: { token: string; email: string; name: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const accept = useMutation(trpc.team.invitation.accept.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  if (accept.isSuccess) {
    return (
      <div className="space-y-4">
        <Alert tone="success" testId="invite-accepted">
          {t("team.accept.done", { email })}
        </Alert>
        <Link
          href="/login"
          className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("team.accept.goLogin")}
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
    if (password !== String(form.get("passwordConfirm") ?? "")) return setError(t("team.accept.passwordsDiffer"));
    if (!meetsPasswordPolicy(password, email)) return setError(t("errors.PASSWORD_POLICY"));
    try {
      await accept.mutateAsync({ token, password });
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <dl className="grid grid-cols-3 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("team.accept.name")}</dt>
        <dd className="col-span-2 text-slate-900">{name}</dd>
        <dt className="text-slate-500">{t("team.accept.email")}</dt>
        <dd className="col-span-2 text-slate-900" data-testid="invite-email">
          {email}
        </dd>
      </dl>
      <div>
        <Label htmlFor="password">{t("team.accept.password")}</Label>
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
        <p className="mt-1 text-xs text-slate-500">{t("account.passwordPolicy")}</p>
      </div>
      <div>
        <Label htmlFor="passwordConfirm">{t("team.accept.passwordConfirm")}</Label>
        <Input id="passwordConfirm" name="passwordConfirm" type="password" autoComplete="new-password" required />
      </div>
      {error ? (
        <Alert tone="error" testId="invite-error">
          {error}
        </Alert>
      ) : null}
      <Button type="submit" className="w-full" disabled={accept.isPending}>
        {accept.isPending ? t("team.accept.submitting") : t("team.accept.submit")}
      </Button>
    </form>
  );
}
