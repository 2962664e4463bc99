import { requireCustomer } from "@/app/_components/guards";
import { PackageTable } from "@/app/_components/package-table";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";

export default async function PortalPackagesPage() {
  await requireCustomer();
  const { t, locale } = await currentTranslator();
  const packages = await (await api()).packages.list();
  return (
    <>
      <PageHeader title={t("packages.title")} intro={t("packages.intro")} />
      <PackageTable t={t} locale={locale} packages={packages} showHistory={false} />
    </>
  );
}
