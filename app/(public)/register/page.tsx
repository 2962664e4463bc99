import type { Metadata } from "next";
import Link from "next/link";
import { LocaleSwitch } from "@/app/_components/locale-switch";
import { currentTranslator } from "@/server/i18n/current";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "企业注册 Register" };

export default async function RegisterPage() {
  const { t } = await currentTranslator();
  return (
    <div className="min-h-screen">
      <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-white px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span className="rounded bg-brand-600 px-1.5 py-0.5 text-sm font-bold text-white">企</span>
          {t("app.name")}
        </Link>
        <LocaleSwitch />
      </header>
      <main className="mx-auto max-w-4xl px-6 py-10">
        <h1 className="text-2xl font-semibold text-slate-900">{t("contracts.register.title")}</h1>
        <p className="mt-1 mb-8 text-sm text-slate-500">{t("contracts.register.intro")}</p>
        <RegisterForm />
      </main>
    </div>
  );
}
