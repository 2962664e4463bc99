"use client";
// Client components read the same catalogue as the server, passed down once from the root layout.
import { createContext, useContext, type ReactNode } from "react";
import { type Locale, translator, type Translate } from "@/server/i18n";

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18nContext.Provider value={{ locale, t: translator(locale) }}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
