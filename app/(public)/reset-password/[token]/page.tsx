import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { LocaleSwitch } from "@/app/_components/locale-switch";
import { StatusPage } from "@/app/_components/status-page";
import { api } from "@/server/api/server";
import { type ErrorCode, ERROR_CODES, isAppError } from "@/server/errors";
import type { MessageKey } from "@/server/i18n";
import { currentTranslator } from "@/server/i18n/current";
import { ResetForm } from "./reset-form";

export const metadata: Metadata = { title: "设置新密码 New password" };

const TITLES: Partial<Record<ErrorCode, MessageKey>> = {
  RESET_TOKEN_EXPIRED: "passwordReset.complete.expiredTitle",
  RESET_TOKEN_USED: "passwordReset.complete.usedTitle",
};

/** Why a link cannot be used: its own code, or RESET_TOKEN_INVALID for anything malformed or unknown. */
function refusal(error: unknown): ErrorCode | null {
  if (!(error instanceof TRPCError)) return null;
  if (isAppError(error.cause) && error.cause.code.startsWith("RESET_TOKEN_")) return error.cause.code;
  return error.code === "BAD_REQUEST" ? "RESET_TOKEN_INVALID" : null;
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { t } = await currentTranslator();
  const caller = await api();
  const result = await caller.passwordReset.lookup({ token }).then(
    (reset) => ({ reset, code: null }),
    (error: unknown) => {
      const code = refusal(error);
      if (!code) throw error;
      return { reset: null, code };
    },
  );

  if (!result.reset) {
    const code = result.code;
    return (
      <StatusPage
        code={String(ERROR_CODES[code].http)}
        title={t(TITLES[code] ?? "passwordReset.complete.invalidTitle")}
        body={t(`errors.${code}`)}
        action={
          <Link
            href="/forgot-password"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("passwordReset.complete.requestAgain")}
          </Link>
        }
      />
    );
  }

  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-between">
          <span className="flex items-center gap-2 text-lg font-semibold text-slate-900">
            <span className="rounded bg-brand-600 px-1.5 py-0.5 text-sm font-bold text-white">企</span>
            {t("app.name")}
          </span>
          <LocaleSwitch />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold text-slate-900">{t("passwordReset.complete.title")}</h1>
          <p className="mt-1 mb-5 text-sm text-slate-500" data-testid="reset-email">
            {t("passwordReset.complete.intro", { email: result.reset.email })}
          </p>
          <ResetForm token={token} email={result.reset.email} />
        </div>
      </div>
    </div>
  );
}
