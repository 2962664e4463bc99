"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "./locale-actions";
import { useI18n } from "./i18n";

export function LocaleSwitch({ className = "" }: { className?: string }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      data-testid="locale-switch"
      disabled={pending}
      aria-label={t("app.language")}
      className={`rounded border border-slate-300 px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 disabled:opacity-50 ${className}`}
      onClick={() =>
        start(async () => {
          await setLocale(locale === "zh" ? "en" : "zh");
          router.refresh();
        })
      }
    >
      {t("app.switchTo")}
    </button>
  );
}
