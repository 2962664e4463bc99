// Translation: one catalogue per language, dotted keys, {name} placeholders.
import { en } from "./en";
import { DEFAULT_LOCALE, LOCALES, type Locale, type MessageKey, type Messages } from "./types";
import { zh } from "./zh";

export { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, type Locale, type MessageKey, type Messages } from "./types";

export const catalogues: Record<Locale, Messages> = { zh, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function resolveLocale(value: string | undefined | null): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export type TranslateParams = Record<string, string | number>;

export function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

export function interpolate(template: string, params: TranslateParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translate = (key: MessageKey, params?: TranslateParams) => string;

/**
 * A parameter named `<name>Key` holds a message key: `{<name>}` is filled with that message in the
 * same language (itself filled from the same parameters), so a refusal can name its reason in words.
 */
function withKeyedParams(messages: Messages, params: TranslateParams | undefined): TranslateParams | undefined {
  if (!params) return params;
  const filled: TranslateParams = { ...params };
  for (const [name, value] of Object.entries(params)) {
    const text = name.endsWith("Key") && typeof value === "string" ? lookup(messages, value) : undefined;
    if (text !== undefined) filled[name.slice(0, -3)] = interpolate(text, params);
  }
  return filled;
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) => interpolate(lookup(messages, key) ?? key, withKeyedParams(messages, params));
}
