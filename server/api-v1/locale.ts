// The language of API answers: Chinese unless the client prefers English in Accept-Language.
import { DEFAULT_LOCALE, type Locale } from "../i18n";

/** The most preferred of our languages in an Accept-Language header (q-values honoured), else Chinese. */
export function apiLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of acceptLanguage.split(",")) {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number.parseFloat(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: Locale | null =
      tag === "en" || tag.startsWith("en-") ? "en" : tag === "zh" || tag.startsWith("zh-") ? "zh" : null;
    // The first of equal preference wins, as the header lists them in order.
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
