"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import type { MessageKey } from "@/server/i18n";

// A locked account answers INVALID_CREDENTIALS, as an unknown e-mail does (server/auth/lockout.ts).
const KNOWN = ["INVALID_CREDENTIALS", "ACCOUNT_DISABLED", "RATE_LIMITED"];

export function LoginForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(form: FormData) {
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      // "/" sends each role to its own area.
      router.replace("/");
      router.refresh();
      return;
    }
    const code = result?.error ?? "";
    setError(t((KNOWN.includes(code) ? `errors.${code}` : "errors.INVALID_CREDENTIALS") as MessageKey));
  }

  return (
    <form action={onSubmit} className="space-y-4" noValidate>
      <div>
        <Label htmlFor="email">{t("login.email")}</Label>
        <Input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div>
        <Label htmlFor="password">{t("login.password")}</Label>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {error ? (
        <Alert tone="error" testId="login-error">
          {error}
        </Alert>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("login.submitting") : t("login.submit")}
      </Button>
    </form>
  );
}
