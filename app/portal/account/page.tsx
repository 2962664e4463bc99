import { AccountPanel } from "@/app/_components/account-panel";
import { PageHeader } from "@/app/_components/ui";
import { currentTranslator } from "@/server/i18n/current";

export default async function PortalAccountPage() {
  const { t } = await currentTranslator();
  return (
    <>
      <PageHeader title={t("account.title")} />
      <AccountPanel />
    </>
  );
}
