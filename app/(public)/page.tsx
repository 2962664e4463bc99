import Link from "next/link";
import { redirect } from "next/navigation";
import { LocaleSwitch } from "@/app/_components/locale-switch";
import { currentUser } from "@/server/auth/current";
import { homePathFor } from "@/server/auth/accounts";
import { currentTranslator } from "@/server/i18n/current";

export default async function LandingPage() {
  const user = await currentUser();
  if (user) redirect(homePathFor(user.role));
  const { t } = await currentTranslator();
  const features = [t("landing.features.portal"), t("landing.features.compliance"), t("landing.features.billing")];
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-white px-6">
        <span className="flex items-center gap-2 font-semibold text-slate-900">
          <span className="rounded bg-brand-600 px-1.5 py-0.5 text-sm font-bold text-white">企</span>
          {t("app.name")}
        </span>
        <LocaleSwitch />
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col justify-center px-6 py-16">
        <p className="text-sm font-medium text-brand-600">{t("app.tagline")}</p>
        <h1 className="mt-3 text-4xl font-bold text-slate-900">{t("landing.headline")}</h1>
        <p className="mt-4 max-w-2xl text-lg text-slate-600">{t("landing.intro")}</p>
        <div className="mt-8 flex gap-3">
          <Link href="/login" className="rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
            {t("landing.signIn")}
          </Link>
          <Link
            href="/register"
            className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-700 hover:bg-slate-50"
          >
            {t("landing.register")}
          </Link>
        </div>
        <ul className="mt-12 grid gap-4 sm:grid-cols-3">
          {features.map((f) => (
            <li key={f} className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700 shadow-sm">
              {f}
            </li>
          ))}
        </ul>
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-400">
        {t("app.footer", { year: new Date().getFullYear() })}
      </footer>
    </div>
  );
}
