// FINANCE's overdue list: statements past their payment window with late fees accrued to today.
import Link from "next/link";
import { ContractStatusBadge } from "@/app/_components/contract-status";
import { DataTable, SearchForm } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Badge, PageHeader, StatCard } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { OVERDUE_SORTS } from "@/server/billing/queries";
import { currentTranslator } from "@/server/i18n/current";
import { formatFen } from "@/server/money";
import { BillingTabs } from "../tabs";

export default async function OverduePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("FINANCE");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: OVERDUE_SORTS, defaultSort: "daysOverdue" });
  const overdue = await (await api()).billing.bureau.overdue(list);
  return (
    <>
      <PageHeader title={t("billingFinance.overview.title")} intro={t("billingFinance.overdue.intro")} />
      <BillingTabs t={t} current="overdue" />
      <div className="mb-6 grid gap-4 sm:grid-cols-2" data-testid="overdue-totals">
        <StatCard
          label={t("billingFinance.overdue.totalOwed")}
          value={formatFen(overdue.owedFen)}
          tone={overdue.owedFen > 0 ? "warn" : "default"}
        />
        <StatCard label={t("billingFinance.overdue.totalLateFee")} value={formatFen(overdue.lateFeeToDateFen)} />
      </div>
      <SearchForm
        t={t}
        pathname="/bureau/billing/overdue"
        params={params}
        placeholder={t("billingFinance.overview.searchPlaceholder")}
      />
      <DataTable
        t={t}
        testId="overdue-table"
        pathname="/bureau/billing/overdue"
        params={params}
        rows={overdue.rows}
        rowKey={(r) => r.id}
        total={overdue.total}
        page={list.page}
        pageSize={list.pageSize}
        sort={list.sort}
        dir={list.dir}
        empty={t("billingFinance.overdue.noOverdue")}
        columns={[
          {
            header: t("billingFinance.columns.enterprise"),
            cell: (r) => (
              <Link className="font-medium text-brand-700 hover:underline" href={`/bureau/billing/${r.contractId}`}>
                {r.enterpriseName}
              </Link>
            ),
          },
          { header: t("billingFinance.columns.statement"), cell: (r) => <span className="num">{r.number}</span> },
          { header: t("billingFinance.columns.period"), cell: (r) => r.period },
          {
            header: t("billingFinance.columns.dueDate"),
            sort: "dueDate",
            cell: (r) => <span className="num">{r.dueDate}</span>,
          },
          {
            header: t("billingFinance.columns.daysOverdue"),
            sort: "daysOverdue",
            align: "right",
            cell: (r) => <Badge tone={r.daysOverdue > 30 ? "red" : "amber"}>{r.daysOverdue}</Badge>,
          },
          { header: t("billingFinance.columns.total"), align: "right", cell: (r) => formatFen(r.totalFen) },
          {
            header: t("billingFinance.columns.lateFee"),
            sort: "lateFee",
            align: "right",
            cell: (r) => formatFen(r.lateFeeToDateFen),
          },
          {
            header: t("billingFinance.columns.owed"),
            sort: "owed",
            align: "right",
            cell: (r) => <span className="font-medium">{formatFen(r.owedFen)}</span>,
          },
          {
            header: t("billingFinance.columns.contractStatus"),
            cell: (r) => <ContractStatusBadge t={t} status={r.contractStatus} />,
          },
        ]}
      />
    </>
  );
}
