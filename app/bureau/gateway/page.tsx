import { requireStaff } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { currentTranslator } from "@/server/i18n/current";
import { GatewayPanel } from "./gateway-panel";

export default async function GatewayPage() {
  await requireStaff("BUREAU_ADMIN");
  const { t } = await currentTranslator();
  return (
    <>
      <PageHeader title={t("gateway.title")} intro={t("gateway.intro")} />
      <GatewayPanel />
    </>
  );
}
