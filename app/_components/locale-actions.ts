"use server";
import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "@/server/i18n";

/** Keeps the chosen language in a cookie (not in the URL) for a year. */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
