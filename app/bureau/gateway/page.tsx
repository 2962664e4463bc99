import { requireStaff } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { currentTranslator } from "@/server/i18n/current";
import type { SearchParams } from "@/app/_components/list-params";
import { GatewayPanel } from "./gateway-panel";
import { InboxSection } from "./inbox-section";

export default async function GatewayPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("BUREAU_ADMIN");
  const params = await searchParams;
  const { t } = await currentTranslator();
  return (
    <>
      <PageHeader title={t("gateway.title")} intro={t("gateway.intro")} />
      <GatewayPanel />
      <div className="mt-6">
        <InboxSection params={params} t={t} />
      </div>
    </>
  );
}
