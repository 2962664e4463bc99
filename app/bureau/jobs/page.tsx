import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams, withParams } from "@/app/_components/list-params";
import { Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { JobRunStatus } from "@/server/generated/prisma/enums";
import { currentTranslator } from "@/server/i18n/current";
import { RunNowButton } from "./run-now-button";
import { RunStatusBadge } from "./status-badge";

const STATUSES = Object.values(JobRunStatus);
const TRIGGERS = ["event", "cron", "manual"] as const;

function chip(active: boolean): string {
  return `rounded-full px-3 py-1 ${active ? "bg-brand-600 text-white" : "bg-white text-slate-600 ring-1 ring-slate-200"}`;
}

export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("BUREAU_ADMIN");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt", pageSize: 30 });
  const status = STATUSES.find((s) => s === param(params, "status"));
  const caller = await api();
  const fns = await caller.jobs.functions();
  const functionId = fns.find((f) => f.id === param(params, "fn"))?.id;
  const { rows, total } = await caller.jobs.list({ page: list.page, pageSize: list.pageSize, status, functionId });
  const names = new Map(fns.map((f) => [f.id, f.name]));
  const triggerLabel = (trigger: string) =>
    TRIGGERS.find((x) => x === trigger) ? t(`bureau.jobs.triggers.${trigger as (typeof TRIGGERS)[number]}`) : trigger;

  return (
    <>
      <PageHeader title={t("bureau.jobs.title")} intro={t("bureau.jobs.intro")} />
      <Card title={t("bureau.jobs.functionsTitle")} className="mb-6">
        <table className="w-full text-sm" data-testid="job-functions">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">{t("bureau.jobs.function")}</th>
              <th className="py-2 pr-4 font-medium">{t("bureau.jobs.schedule")}</th>
              <th className="py-2 pr-4 font-medium">{t("bureau.jobs.nextRun")}</th>
              <th className="py-2 font-medium">{t("app.actions")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {fns.map((f) => (
              <tr key={f.id}>
                <td className="py-2 pr-4">
                  <div className="font-medium">{f.name}</div>
                  <code className="text-xs text-slate-500">{f.id}</code>
                </td>
                <td className="py-2 pr-4 text-xs text-slate-600">
                  {f.triggers.map((tr) =>
                    "cron" in tr ? (
                      <div key={tr.cron}>
                        {t("bureau.jobs.triggers.cron")}: <code>{tr.cron}</code>
                      </div>
                    ) : (
                      <div key={tr.event}>
                        {t("bureau.jobs.triggers.event")}: <code>{tr.event}</code>
                      </div>
                    ),
                  )}
                </td>
                <td className="num py-2 pr-4">{f.nextRunAt ? formatChinaDateTime(f.nextRunAt) : "—"}</td>
                <td className="py-2">{f.nextRunAt ? <RunNowButton functionId={f.id} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <h2 className="mb-3 text-base font-semibold">{t("bureau.jobs.runsTitle")}</h2>
      <nav className="mb-2 flex flex-wrap gap-1 text-sm" aria-label={t("bureau.jobs.status")}>
        <Link
          href={withParams("/bureau/jobs", params, { status: undefined, page: undefined })}
          className={chip(!status)}
        >
          {t("bureau.jobs.all")}
        </Link>
        {STATUSES.map((s) => (
          <Link
            key={s}
            href={withParams("/bureau/jobs", params, { status: s, page: undefined })}
            className={chip(status === s)}
          >
            {t(`bureau.jobs.statuses.${s}`)}
          </Link>
        ))}
      </nav>
      <nav className="mb-4 flex flex-wrap gap-1 text-sm" aria-label={t("bureau.jobs.function")}>
        <Link
          href={withParams("/bureau/jobs", params, { fn: undefined, page: undefined })}
          className={chip(!functionId)}
        >
          {t("bureau.jobs.all")}
        </Link>
        {fns.map((f) => (
          <Link
            key={f.id}
            href={withParams("/bureau/jobs", params, { fn: f.id, page: undefined })}
            className={chip(functionId === f.id)}
          >
            {f.name}
          </Link>
        ))}
      </nav>
      <DataTable
        t={t}
        testId="job-runs"
        pathname="/bureau/jobs"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("bureau.jobs.empty")}
        columns={[
          {
            header: t("bureau.jobs.createdAt"),
            cell: (r) => (
              <Link href={`/bureau/jobs/${r.id}`} className="num whitespace-nowrap text-brand-700 hover:underline">
                {formatChinaDateTime(r.createdAt, true)}
              </Link>
            ),
          },
          {
            header: t("bureau.jobs.function"),
            cell: (r) => <span title={r.functionId}>{names.get(r.functionId) ?? r.functionId}</span>,
          },
          { header: t("bureau.jobs.trigger"), cell: (r) => triggerLabel(r.trigger) },
          { header: t("bureau.jobs.status"), cell: (r) => <RunStatusBadge t={t} status={r.status} /> },
          {
            header: t("bureau.jobs.attempts"),
            align: "right",
            cell: (r) => (
              <span className="num">
                {r.attempts}/{r.maxAttempts}
              </span>
            ),
          },
          {
            header: t("bureau.jobs.scheduledFor"),
            cell: (r) => (
              <span className="num whitespace-nowrap">
                {r.scheduledFor ? formatChinaDateTime(r.scheduledFor) : "—"}
              </span>
            ),
          },
          {
            header: t("bureau.jobs.finishedAt"),
            cell: (r) => (
              <span className="num whitespace-nowrap">
                {r.finishedAt ? formatChinaDateTime(r.finishedAt, true) : "—"}
              </span>
            ),
          },
          {
            header: t("bureau.jobs.lastError"),
            cell: (r) =>
              r.lastError ? (
                <span className="line-clamp-2 max-w-xs text-xs text-red-700" title={r.lastError}>
                  {r.lastError}
                </span>
              ) : (
                "—"
              ),
          },
        ]}
      />
    </>
  );
}
