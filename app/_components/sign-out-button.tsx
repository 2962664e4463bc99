"use client";
import { signOut } from "next-auth/react";
import { useI18n } from "./i18n";

export function SignOutButton() {
  const { t } = useI18n();
  return (
    <button
      type="button"
      data-testid="sign-out"
      onClick={() => void signOut({ callbackUrl: "/login" })}
      className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      {t("app.signOut")}
    </button>
  );
}
