// Usage reports: messages and billable segments by day or month, by purpose and by final state, for a
// range of China dates (default: this month), as tables, a chart and CSV / XLSX downloads.
import type { ReactNode } from "react";
import { BarChart } from "@/app/_components/bar-chart";
import { DataTable, ListTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams, withParams } from "@/app/_components/list-params";
import { Alert, Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { MAX_USAGE_RANGE_DAYS, type UsageRow } from "@/server/billing/usage";
import type { MessageKey, Translate } from "@/server/i18n";
import { currentTranslator } from "@/server/i18n/current";
import { BillingNav } from "../billing-nav";

const PATH = "/portal/billing/usage";
const SORTS = ["key", "messages", "billableSegments"] as const;
const count = (n: number) => n.toLocaleString("zh-CN");

interface Counts {
  messages: number;
  segments: number;
  billableSegments: number;
}

/** A summary on one page: a label column (period, purpose or final state), then the three counts. */
function CountsTable<R extends Counts>({
  t,
  testId,
  header,
  rows,
  rowKey,
  label,
}: {
  t: Translate;
  testId: string;
  header: string;
  rows: R[];
  rowKey: (row: R) => string;
  label: (row: R) => ReactNode;
}) {
  return (
    <ListTable
      t={t}
      testId={testId}
      rows={rows}
      rowKey={rowKey}
      empty={t("billing.usage.empty")}
      columns={[
        { header, cell: label },
        { header: t("billing.usage.messages"), align: "right", cell: (r) => count(r.messages) },
        { header: t("billing.usage.segments"), align: "right", cell: (r) => count(r.segments) },
        { header: t("billing.usage.billableSegments"), align: "right", cell: (r) => count(r.billableSegments) },
      ]}
    />
  );
}

export default async function UsagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireCustomer();
  const { t } = await currentTranslator();
  const params = await searchParams;
  const caller = await api();
  const asked = {
    from: param(params, "from"),
    to: param(params, "to"),
    by: param(params, "by") === "month" ? ("month" as const) : ("day" as const),
  };
  // A range the server refuses (malformed, reversed, too long) falls back to this month, with a notice.
  const result = await caller.usage.report(asked).then(
    (r) => ({ report: r, invalid: false }),
    async () => ({ report: await caller.usage.report({ by: asked.by }), invalid: true }),
  );
  const { report, invalid } = result;
  const list = parseListParams(params, { sorts: SORTS, defaultSort: "key", defaultDir: "asc", pageSize: 50 });
  const sign = list.dir === "asc" ? 1 : -1;
  const sorted = [...report.rows].sort(
    (a, b) =>
      sign * (list.sort === "key" ? a.key.localeCompare(b.key) : a[list.sort] - b[list.sort]) ||
      a.key.localeCompare(b.key),
  );
  const page = sorted.slice((list.page - 1) * list.pageSize, list.page * list.pageSize);
  const query = new URLSearchParams({ from: report.from, to: report.to, by: report.by });
  const periodLabel = report.by === "day" ? t("billing.usage.day") : t("billing.usage.month");
  const purpose = (code: string) => t(`portalSending.purposes.${code}` as MessageKey);
  const state = (code: string) => t(`portalSending.messageStatuses.${code}` as MessageKey);
  const link =
    "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50";
  return (
    <>
      <PageHeader
        title={t("billing.usage.title")}
        intro={t("billing.usage.intro")}
        actions={
          <>
            <a className={link} href={`/api/billing/usage/export?format=csv&${query}`} data-testid="usage-export-csv">
              {t("billing.usage.exportCsv")}
            </a>
            <a className={link} href={`/api/billing/usage/export?format=xlsx&${query}`} data-testid="usage-export-xlsx">
              {t("billing.usage.exportXlsx")}
            </a>
          </>
        }
      />
      <BillingNav t={t} active="tabUsage" />
      <div className="space-y-6">
        <form action={PATH} method="get" className="flex flex-wrap items-end gap-3" data-testid="usage-range">
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">{t("billing.usage.from")}</span>
            <input
              type="date"
              name="from"
              defaultValue={report.from}
              className="rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
            />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">{t("billing.usage.to")}</span>
            <input
              type="date"
              name="to"
              defaultValue={report.to}
              className="rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
            />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">{t("billing.usage.by")}</span>
            <select
              name="by"
              defaultValue={report.by}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            >
              <option value="day">{t("billing.usage.byDay")}</option>
              <option value="month">{t("billing.usage.byMonth")}</option>
            </select>
          </label>
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("billing.usage.apply")}
          </button>
        </form>
        {invalid ? (
          <Alert tone="error" testId="usage-range-invalid">
            {t("billing.usage.rangeInvalid", { max: MAX_USAGE_RANGE_DAYS })}
          </Alert>
        ) : null}

        <Card title={`${t("billing.usage.periodsTitle")} · ${report.from} — ${report.to}`}>
          <BarChart
            testId="usage-chart"
            title={t("billing.usage.chartTitle")}
            categoryLabel={periodLabel}
            data={report.totals.map((p) => ({ label: p.key, billable: p.billableSegments }))}
            series={[{ key: "billable", label: t("billing.usage.billableSegments"), color: "#2563eb" }]}
            empty={t("billing.usage.empty")}
          />
          <div className="mt-4">
            <CountsTable
              t={t}
              testId="usage-totals"
              header={periodLabel}
              rows={report.totals}
              rowKey={(r) => r.key}
              label={(r) => <span className="num">{r.key}</span>}
            />
          </div>
          <p className="mt-2 text-sm text-slate-600" data-testid="usage-total">
            {t("billing.usage.total")}: {t("billing.usage.messages")} {count(report.total.messages)} ·{" "}
            {t("billing.usage.segments")} {count(report.total.segments)} · {t("billing.usage.billableSegments")}{" "}
            {count(report.total.billableSegments)}
          </p>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <section>
            <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.usage.purposeTitle")}</h2>
            <CountsTable
              t={t}
              testId="usage-by-purpose"
              header={t("billing.usage.purpose")}
              rows={report.byPurpose}
              rowKey={(r) => r.purpose}
              label={(r) => purpose(r.purpose)}
            />
          </section>
          <section>
            <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.usage.stateTitle")}</h2>
            <CountsTable
              t={t}
              testId="usage-by-state"
              header={t("billing.usage.state")}
              rows={report.byState}
              rowKey={(r) => r.state}
              label={(r) => state(r.state)}
            />
          </section>
        </div>

        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.usage.detailTitle")}</h2>
          <DataTable<UsageRow>
            t={t}
            testId="usage-detail"
            pathname={PATH}
            params={params}
            rows={page}
            rowKey={(r) => `${r.key}-${r.purpose}-${r.state}`}
            total={sorted.length}
            page={list.page}
            pageSize={list.pageSize}
            sort={list.sort}
            dir={list.dir}
            empty={t("billing.usage.empty")}
            columns={[
              { header: periodLabel, sort: "key", cell: (r) => <span className="num">{r.key}</span> },
              { header: t("billing.usage.purpose"), cell: (r) => purpose(r.purpose) },
              { header: t("billing.usage.state"), cell: (r) => state(r.state) },
              { header: t("billing.usage.messages"), sort: "messages", align: "right", cell: (r) => count(r.messages) },
              { header: t("billing.usage.segments"), align: "right", cell: (r) => count(r.segments) },
              {
                header: t("billing.usage.billableSegments"),
                sort: "billableSegments",
                align: "right",
                cell: (r) => count(r.billableSegments),
              },
            ]}
          />
          <p className="mt-2 text-xs text-slate-500">
            <a
              className="underline"
              href={withParams(
                PATH,
                {},
                { from: report.from, to: report.to, by: report.by === "day" ? "month" : "day" },
              )}
            >
              {report.by === "day" ? t("billing.usage.byMonth") : t("billing.usage.byDay")}
            </a>
          </p>
        </section>
      </div>
    </>
  );
}
