// The compact metering card on the portal home: today against the daily cap, this period against the
// included messages, with a link to the billing overview.
import Link from "next/link";
import { Card } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";

export async function MeteringCard() {
  const { t } = await currentTranslator();
  const m = await (await api()).usage.metering();
  if (!m) return null;
  const n = (v: number) => v.toLocaleString("zh-CN");
  return (
    <Card title={t("billing.metering.cardTitle")} className="mt-6">
      <Link href="/portal/billing" className="float-right text-sm text-brand-700 hover:underline">
        {t("billing.metering.more")} →
      </Link>
      <p className="text-sm text-slate-700" data-testid="home-metering">
        {t("billing.metering.cardLine", {
          reserved: n(m.today.reservedSegments),
          cap: n(m.today.dailyCap),
          remaining: n(m.today.remaining),
          used: n(m.period?.usedSegments ?? 0),
          included: n(m.period?.includedMessages ?? 0),
        })}
      </p>
    </Card>
  );
}
