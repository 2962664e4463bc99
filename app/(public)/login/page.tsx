import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LocaleSwitch } from "@/app/_components/locale-switch";
import { currentUser } from "@/server/auth/current";
import { homePathFor } from "@/server/auth/accounts";
import { demoMode } from "@/server/env";
import { currentTranslator } from "@/server/i18n/current";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录 Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  const user = await currentUser();
  if (user) redirect(homePathFor(user.role));
  const { t } = await currentTranslator();
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <span className="flex items-center gap-2 text-lg font-semibold text-slate-900">
            <span className="rounded bg-brand-600 px-1.5 py-0.5 text-sm font-bold text-white">企</span>
            {t("app.name")}
          </span>
          <LocaleSwitch />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-5 text-xl font-semibold text-slate-900">{t("login.title")}</h1>
          <LoginForm initialEmail={typeof email === "string" ? email.slice(0, 320) : ""} />
        </div>
        <p className="mt-4 text-center text-sm">
          <Link href="/register" className="text-brand-700 hover:underline">
            {t("landing.register")}
          </Link>
        </p>
        {demoMode() ? (
          <p className="mt-2 text-center text-xs text-slate-400" data-testid="demo-hint">
            {t("login.demoHint")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
