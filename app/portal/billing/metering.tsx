// Metering on the billing overview: today against the daily cap, this period against the included
// messages (overage so far and its cost), and billable segments by day for this period and the last.
import { BarChart } from "@/app/_components/bar-chart";
import { StatCard } from "@/app/_components/ui";
import type { MeteringSummary } from "@/server/billing/usage";
import type { Translate } from "@/server/i18n";
import { formatFen, formatLiAsYuan } from "@/server/money";

const count = (n: number) => n.toLocaleString("zh-CN");

export function MeteringSection({ t, m }: { t: Translate; m: MeteringSummary | null }) {
  if (!m) return <p className="text-sm text-slate-500">{t("billing.metering.noContract")}</p>;
  const p = m.period;
  return (
    <section className="space-y-4" data-testid="metering">
      <h2 className="text-sm font-semibold text-slate-700">{t("billing.metering.today", { day: m.today.day })}</h2>
      <div className="grid gap-4 sm:grid-cols-4">
        <StatCard
          label={t("billing.metering.reserved")}
          value={<span data-testid="metering-reserved">{count(m.today.reservedSegments)}</span>}
        />
        <StatCard
          label={t("billing.metering.dailyCap")}
          value={<span data-testid="metering-cap">{count(m.today.dailyCap)}</span>}
        />
        <StatCard
          label={t("billing.metering.remaining")}
          value={<span data-testid="metering-remaining">{count(m.today.remaining)}</span>}
          tone={m.today.remaining === 0 ? "warn" : "default"}
        />
        <StatCard label={t("billing.metering.billableToday")} value={count(m.today.billableSegments)} />
      </div>
      <h2 className="text-sm font-semibold text-slate-700">
        {t("billing.metering.period", { period: m.currentPeriod })}
      </h2>
      {p ? (
        <>
          <div className="grid gap-4 sm:grid-cols-4">
            <StatCard
              label={t("billing.metering.used")}
              value={<span data-testid="metering-used">{count(p.usedSegments)}</span>}
            />
            <StatCard
              label={t("billing.metering.included")}
              value={<span data-testid="metering-included">{count(p.includedMessages)}</span>}
            />
            <StatCard
              label={t("billing.metering.overage")}
              value={count(p.overageSegments)}
              tone={p.overageSegments > 0 ? "warn" : "default"}
            />
            <StatCard
              label={t("billing.metering.overageCost", { price: formatLiAsYuan(p.overagePriceLi) })}
              value={<span data-testid="metering-overage-fee">{formatFen(p.overageFen)}</span>}
            />
          </div>
          {p.activeDays < p.daysInPeriod ? (
            <p className="text-xs text-slate-500">
              {t("billing.metering.prorated", { activeDays: p.activeDays, daysInPeriod: p.daysInPeriod })}
            </p>
          ) : null}
        </>
      ) : (
        <p className="text-sm text-slate-500">{t("billing.metering.notInForce")}</p>
      )}
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h3 className="mb-2 text-sm font-medium text-slate-700">{t("billing.metering.chartTitle")}</h3>
        <BarChart
          testId="metering-chart"
          title={t("billing.metering.chartTitle")}
          categoryLabel={t("billing.metering.dayOfMonth")}
          data={m.chart.map((d) => ({ label: String(d.day), current: d.current, previous: d.previous }))}
          series={[
            {
              key: "previous",
              label: t("billing.metering.previousSeries", { period: m.previousPeriod }),
              color: "#94a3b8",
            },
            {
              key: "current",
              label: t("billing.metering.currentSeries", { period: m.currentPeriod }),
              color: "#2563eb",
            },
          ]}
        />
      </div>
    </section>
  );
}
