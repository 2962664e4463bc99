import Link from "next/link";
import { DataTable, SearchForm } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { JOB_SORTS } from "@/server/sending/views";
import { formatChinaDateTime } from "@/server/clock";
import type { SendJobStatus } from "@/server/generated/prisma/enums";
import { currentTranslator } from "@/server/i18n/current";
import { CancelJobButton, LiveRefresh, ProgressBar } from "./job-parts";
import { isCancellableJob, isLiveJob } from "@/server/sending/status";
import { JobStatusBadge } from "./status-badges";

const STATUSES: SendJobStatus[] = [
  "SCHEDULED",
  "HELD_FOR_REVIEW",
  "REJECTED",
  "QUEUED",
  "SENDING",
  "COMPLETED",
  "CANCELLED",
];

export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireCustomer();
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: JOB_SORTS, defaultSort: "createdAt" });
  const status = STATUSES.find((s) => s === param(params, "status"));
  const { rows, total } = await (
    await api()
  ).sending.jobs({ page: list.page, pageSize: list.pageSize, status, search: list.search });
  return (
    <>
      <PageHeader
        title={t("portalSending.jobs.title")}
        intro={t("portalSending.jobs.intro")}
        actions={<LiveRefresh active={rows.some((r) => isLiveJob(r.status))} />}
      />
      <SearchForm t={t} pathname="/portal/jobs" params={params} placeholder={t("portalSending.jobs.searchPlaceholder")}>
        <select
          name="status"
          defaultValue={status ?? ""}
          aria-label={t("portalSending.jobs.status")}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="">{t("portalSending.jobs.all")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`portalSending.jobStatuses.${s}`)}
            </option>
          ))}
        </select>
      </SearchForm>
      <DataTable
        t={t}
        testId="job-table"
        pathname="/portal/jobs"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("portalSending.jobs.empty")}
        columns={[
          {
            header: t("portalSending.jobs.createdAt"),
            cell: (r) => (
              <Link href={`/portal/jobs/${r.id}`} className="num font-medium text-brand-700 hover:underline">
                {formatChinaDateTime(r.createdAt)}
              </Link>
            ),
          },
          {
            header: t("portalSending.jobs.content"),
            cell: (r) => (
              <span className="line-clamp-2 max-w-md" title={r.fullText}>
                {r.content}
              </span>
            ),
          },
          { header: t("portalSending.jobs.purpose"), cell: (r) => t(`portalSending.purposes.${r.purpose}`) },
          { header: t("portalSending.jobs.source"), cell: (r) => t(`portalSending.sources.${r.source}`) },
          {
            header: t("portalSending.jobs.recipients"),
            align: "right",
            cell: (r) => (
              <span className="num">
                {r.acceptedCount} / {r.recipientCount}
              </span>
            ),
          },
          { header: t("portalSending.jobs.status"), cell: (r) => <JobStatusBadge t={t} status={r.status} /> },
          {
            header: t("portalSending.jobs.progress"),
            cell: (r) => (
              <ProgressBar
                percent={r.progress.percent}
                label={t("portalSending.jobs.progress")}
                testId={`job-progress-${r.id}`}
              />
            ),
          },
          {
            header: t("app.actions"),
            cell: (r) => (isCancellableJob(r.status) ? <CancelJobButton jobId={r.id} /> : null),
          },
        ]}
      />
    </>
  );
}
