import type { Metadata } from "next";
import Link from "next/link";
import { LocaleSwitch } from "@/app/_components/locale-switch";
import { currentTranslator } from "@/server/i18n/current";
import { ForgotForm } from "./forgot-form";

export const metadata: Metadata = { title: "找回密码 Reset password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
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
          <h1 className="text-xl font-semibold text-slate-900">{t("passwordReset.request.title")}</h1>
          <p className="mt-1 mb-5 text-sm text-slate-500">{t("passwordReset.request.intro")}</p>
          <ForgotForm initialEmail={typeof email === "string" ? email.slice(0, 320) : ""} />
        </div>
        <p className="mt-4 text-center text-sm">
          <Link href="/login" className="text-brand-700 hover:underline">
            {t("passwordReset.request.backToLogin")}
          </Link>
        </p>
      </div>
    </div>
  );
}
