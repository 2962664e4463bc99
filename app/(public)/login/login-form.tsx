"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { Alert, Button, Input, Label } from "@/app/_components/ui";
import type { MessageKey } from "@/server/i18n";

// A locked account answers INVALID_CREDENTIALS, as an unknown e-mail does (server/auth/lockout.ts).
const KNOWN = ["INVALID_CREDENTIALS", "ACCOUNT_DISABLED", "RATE_LIMITED"];

export function LoginForm({ initialEmail }: { initialEmail: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Controlled and submitted by onSubmit (a form action resets the form): a refused attempt keeps the e-mail.
  const [email, setEmail] = useState(initialEmail);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email,
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
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <Label htmlFor="email">{t("login.email")}</Label>
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
      <p className="text-right text-sm">
        <Link
          href={email.trim() ? `/forgot-password?email=${encodeURIComponent(email.trim())}` : "/forgot-password"}
          className="text-brand-700 hover:underline"
        >
          {t("passwordReset.forgot")}
        </Link>
      </p>
    </form>
  );
}
