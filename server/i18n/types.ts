import type { zh } from "./zh";

/** The shape of the catalogue: zh defines it, every other language must match it exactly. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zh>;

type Join<K extends string, P extends string> = `${K}.${P}`;
/** Every dotted key that leads to a string, e.g. "nav.portal.home". */
export type MessageKey<T = Messages> = {
  [K in keyof T & string]: T[K] extends string ? K : Join<K, MessageKey<T[K]>>;
}[keyof T & string];

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
export const LOCALE_COOKIE = "qxt_locale";
