"use client";
import { useEffect } from "react";
import { useI18n } from "./_components/i18n";
import { StatusPage } from "./_components/status-page";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <StatusPage
      code="500"
      title={t("errorsPage.errorTitle")}
      body={`${t("errorsPage.errorBody")}${error.digest ? ` (${error.digest})` : ""}`}
      action={
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
        >
          {t("errorsPage.retry")}
        </button>
      }
    />
  );
}
