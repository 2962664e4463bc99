"use client";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

// The answer is the same for every well-formed e-mail: the page never says whether an account exists.
export function ForgotForm({ initialEmail }: { initialEmail: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const request = useMutation(trpc.passwordReset.request.mutationOptions());
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return setError(t("passwordReset.request.emailInvalid"));
    try {
      await request.mutateAsync({ email: address });
      setSentTo(address);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  if (sentTo) {
    return (
      <Alert tone="success" testId="reset-requested">
        {t("passwordReset.request.sent", { email: sentTo })}
      </Alert>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <Label htmlFor="email">{t("passwordReset.request.email")}</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      {error ? (
        <Alert tone="error" testId="reset-request-error">
          {error}
        </Alert>
      ) : null}
      <Button type="submit" className="w-full" disabled={request.isPending}>
        {request.isPending ? t("passwordReset.request.submitting") : t("passwordReset.request.submit")}
      </Button>
    </form>
  );
}
