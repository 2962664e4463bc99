import Link from "next/link";
import { currentTranslator } from "@/server/i18n/current";
import { StatusPage } from "./_components/status-page";

export default async function NotFound() {
  const { t } = await currentTranslator();
  return (
    <StatusPage
      code="404"
      title={t("errorsPage.notFoundTitle")}
      body={t("errorsPage.notFoundBody")}
      action={
        <Link href="/" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
          {t("errorsPage.home")}
        </Link>
      }
    />
  );
}
