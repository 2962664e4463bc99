// FINANCE's receivables: aging totals, what each enterprise owes by age, and revenue by month.
import Link from "next/link";
import { BarChart } from "@/app/_components/bar-chart";
import { ContractStatusBadge } from "@/app/_components/contract-status";
import { DataTable, SearchForm } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Card, PageHeader, StatCard } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { AGING_SORTS } from "@/server/billing/queries";
import { currentTranslator } from "@/server/i18n/current";
import { formatFen } from "@/server/money";
import { addDays, formatChinaDate, toChinaDate } from "@/server/clock";
import { formatRateBp } from "@/server/billing/tax";
import { BillingTabs } from "./tabs";
import { TaxRateForm } from "./tax-rate-form";

const BUCKETS = ["CURRENT", "D1_30", "D31_60", "D61_90", "D90_PLUS"] as const;
/** A file download from the route handler beside this page, not a page to navigate to. */
const EXPORT_HREF = "/bureau/billing/export";

export default async function BureauBillingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("FINANCE");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: AGING_SORTS, defaultSort: "owed" });
  const caller = await api();
  const [aging, revenue, taxRates] = await Promise.all([
    caller.billing.bureau.aging(list),
    caller.billing.bureau.revenue({ months: 12 }),
    caller.billing.bureau.taxRates(),
  ]);
  const tomorrow = formatChinaDate(addDays(toChinaDate(new Date()), 1));
  return (
    <>
      <PageHeader
        title={t("billingFinance.overview.title")}
        intro={t("billingFinance.overview.intro")}
        actions={
          <a
            href={EXPORT_HREF}
            download
            data-testid="receivables-export-xlsx"
            className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          >
            {t("billingFinance.overview.export")}
          </a>
        }
      />
      <BillingTabs t={t} current="receivables" />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-3 xl:grid-cols-6" data-testid="aging-totals">
          <StatCard label={t("billingFinance.overview.totalOwed")} value={formatFen(aging.owedFen)} />
          {BUCKETS.map((b) => (
            <StatCard
              key={b}
              label={`${t(`billing.aging.${b}`)}（${t("billingFinance.yuan")}）`}
              value={formatFen(aging.totals[b])}
              tone={b !== "CURRENT" && aging.totals[b] > 0 ? "warn" : "default"}
            />
          ))}
        </div>
        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billingFinance.overview.byEnterprise")}</h2>
          <SearchForm
            t={t}
            pathname="/bureau/billing"
            params={params}
            placeholder={t("billingFinance.overview.searchPlaceholder")}
          />
          <DataTable
            t={t}
            testId="aging-table"
            pathname="/bureau/billing"
            params={params}
            rows={aging.rows}
            rowKey={(r) => r.contractId}
            total={aging.total}
            page={list.page}
            pageSize={list.pageSize}
            sort={list.sort}
            dir={list.dir}
            empty={t("billingFinance.overview.noReceivables")}
            columns={[
              {
                header: t("billingFinance.columns.enterprise"),
                sort: "enterprise",
                cell: (r) => (
                  <Link className="font-medium text-brand-700 hover:underline" href={`/bureau/billing/${r.contractId}`}>
                    {r.enterpriseName}
                  </Link>
                ),
              },
              {
                header: t("billingFinance.columns.contract"),
                cell: (r) => <span className="num">{r.contractNumber}</span>,
              },
              {
                header: t("billingFinance.columns.contractStatus"),
                cell: (r) => <ContractStatusBadge t={t} status={r.contractStatus} />,
              },
              ...BUCKETS.map((b) => ({
                header: t(`billing.aging.${b}`),
                align: "right" as const,
                cell: (r: (typeof aging.rows)[number]) => formatFen(r.buckets[b]),
              })),
              {
                header: t("billingFinance.columns.owed"),
                sort: "owed",
                align: "right",
                cell: (r) => <span className="font-medium">{formatFen(r.owedFen)}</span>,
              },
              {
                header: t("billingFinance.columns.maxDaysOverdue"),
                sort: "overdue",
                align: "right",
                cell: (r) => r.maxDaysOverdue,
              },
            ]}
          />
        </section>
        <Card title={t("billingFinance.overview.revenue")}>
          <p className="mb-4 text-sm text-slate-500">{t("billingFinance.overview.revenueIntro")}</p>
          <BarChart
            testId="revenue-chart"
            title={t("billingFinance.overview.revenue")}
            categoryLabel={t("billingFinance.overview.month")}
            format="fen"
            table="visible"
            data={revenue.map((r) => ({ label: r.period, billedFen: r.billedFen, collectedFen: r.collectedFen }))}
            series={[
              { key: "billedFen", label: t("billingFinance.overview.billed"), color: "#2563eb" },
              { key: "collectedFen", label: t("billingFinance.overview.collected"), color: "#16a34a" },
            ]}
          />
        </Card>
        <Card title={t("billingFinance.taxRate.title")}>
          <p className="mb-4 text-sm text-slate-500">{t("billingFinance.taxRate.intro")}</p>
          <ul className="mb-4 space-y-1 text-sm" data-testid="tax-rates">
            {taxRates.map((r) => (
              <li key={r.id}>
                {t("billingFinance.taxRate.line", { rate: formatRateBp(r.rateBp), effectiveOn: r.effectiveOn })}
              </li>
            ))}
          </ul>
          <TaxRateForm earliest={tomorrow} />
        </Card>
      </div>
    </>
  );
}
