// The request's language: the locale cookie, else Chinese.
import "server-only";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, resolveLocale, translator, type Locale, type Translate } from ".";

export async function currentLocale(): Promise<Locale> {
  return resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function currentTranslator(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await currentLocale();
  return { locale, t: translator(locale) };
}
