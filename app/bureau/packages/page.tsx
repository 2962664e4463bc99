import { PackageTable } from "@/app/_components/package-table";
import { requireStaff } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";

export default async function BureauPackagesPage() {
  await requireStaff();
  const { t, locale } = await currentTranslator();
  const packages = await (await api()).packages.list({ includeInactive: true });
  return (
    <>
      <PageHeader title={t("packages.title")} intro={t("packages.intro")} />
      <PackageTable t={t} locale={locale} packages={packages} showHistory />
    </>
  );
}
