import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { orNotFound, requireCustomer } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Alert, Card, Fields, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { MESSAGE_STATES } from "@/server/sending/views";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { CancelJobButton, LiveRefresh, ProgressBar } from "../job-parts";
import { isCancellableJob, isLiveJob } from "@/server/sending/status";
import { JobStatusBadge, MessageStatusBadge } from "../status-badges";

export default async function JobPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  await requireCustomer();
  const { id } = await params;
  const query = await searchParams;
  const { t } = await currentTranslator();
  const caller = await api();
  const job = await orNotFound(caller.sending.job({ jobId: id }));
  const list = parseListParams(query, { sorts: ["id"] as const, defaultSort: "id", pageSize: 50 });
  const status = MESSAGE_STATES.find((s) => s === param(query, "status"));
  const mobile = param(query, "mobile")?.slice(0, 20);
  const messages = await caller.sending.jobMessages({
    jobId: id,
    page: list.page,
    pageSize: list.pageSize,
    status,
    mobile,
  });
  const at = (d: Date | null) => (d ? formatChinaDateTime(d, true) : "—");
  const pathname = `/portal/jobs/${job.id}`;
  return (
    <>
      <PageHeader
        title={t("portalSending.jobs.detailTitle")}
        intro={job.id}
        actions={
          <div className="flex items-center gap-3">
            <LiveRefresh active={isLiveJob(job.status)} />
            {isCancellableJob(job.status) ? <CancelJobButton jobId={job.id} /> : null}
            <a
              href={`/api/jobs/${job.id}/export?format=csv`}
              className="text-sm text-brand-700 hover:underline"
              data-testid="export-csv"
            >
              {t("portalSending.jobs.exportCsv")}
            </a>
            <a
              href={`/api/jobs/${job.id}/export?format=xlsx`}
              className="text-sm text-brand-700 hover:underline"
              data-testid="export-xlsx"
            >
              {t("portalSending.jobs.exportXlsx")}
            </a>
          </div>
        }
      />
      <div className="space-y-6">
        {job.status === "HELD_FOR_REVIEW" ? (
          <Alert tone="info" testId="job-held">
            {t("portalSending.jobs.held", { terms: job.heldTerms.join("、") })}
          </Alert>
        ) : null}
        {job.status === "REJECTED" ? (
          <Alert tone="error" testId="job-rejected">
            {t("portalSending.jobs.rejected", { note: job.reviewNote ?? "—" })}
          </Alert>
        ) : null}
        {job.reviewedAt && job.status !== "REJECTED" ? (
          <Alert tone="success">{t("portalSending.jobs.approved", { at: formatChinaDateTime(job.reviewedAt) })}</Alert>
        ) : null}
        <Card>
          <div className="mb-4 flex items-center gap-4">
            <span data-testid="job-status">
              <JobStatusBadge t={t} status={job.status} />
            </span>
            <div className="flex-1">
              <ProgressBar
                percent={job.progress.percent}
                label={t("portalSending.jobs.progress")}
                testId="job-progress"
              />
            </div>
            <span className="num text-sm text-slate-600">
              {t("portalSending.jobs.progressText", { done: job.progress.done, total: job.progress.total })}
            </span>
          </div>
          <Fields
            items={[
              { label: t("portalSending.jobs.fullText"), value: job.fullText },
              { label: t("portalSending.jobs.purpose"), value: t(`portalSending.purposes.${job.purpose}`) },
              { label: t("portalSending.jobs.source"), value: t(`portalSending.sources.${job.source}`) },
              { label: t("portalSending.jobs.clientRef"), value: job.clientRef ?? "—" },
              {
                label: t("portalSending.jobs.recipients"),
                value: `${job.recipientCount}（${t("portalSending.jobs.accepted")} ${job.acceptedCount} · ${t("portalSending.jobs.skipped")} ${job.skippedCount}）`,
              },
              { label: t("portalSending.jobs.segmentsPerMessage"), value: job.segmentsPerMessage },
              { label: t("portalSending.jobs.reservedSegments"), value: job.reservedSegments },
              { label: t("portalSending.jobs.createdAt"), value: at(job.createdAt) },
              ...(job.scheduledAt ? [{ label: t("portalSending.jobs.scheduledAt"), value: at(job.scheduledAt) }] : []),
              { label: t("portalSending.jobs.startedAt"), value: at(job.startedAt) },
              { label: t("portalSending.jobs.completedAt"), value: at(job.completedAt) },
              ...(job.cancelledAt ? [{ label: t("portalSending.jobs.cancelledAt"), value: at(job.cancelledAt) }] : []),
            ]}
          />
        </Card>
        <Card title={t("portalSending.jobs.counts")}>
          <ul className="flex flex-wrap gap-3 text-sm" data-testid="job-counts">
            {MESSAGE_STATES.filter((s) => job.counts[s] > 0).map((s) => (
              <li key={s} className="flex items-center gap-1" data-testid={`count-${s}`} data-count={job.counts[s]}>
                <MessageStatusBadge t={t} status={s} /> <span className="num">{job.counts[s]}</span>
              </li>
            ))}
          </ul>
        </Card>
        <section>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-sm font-semibold text-slate-700">{t("portalSending.jobs.messages")}</h2>
            <form action={pathname} method="get" className="flex items-center gap-2">
              <input
                name="mobile"
                defaultValue={mobile ?? ""}
                placeholder={t("portalSending.jobs.filterMobile")}
                aria-label={t("portalSending.jobs.filterMobile")}
                className="w-44 rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
              <select
                name="status"
                defaultValue={status ?? ""}
                aria-label={t("portalSending.messages.status")}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              >
                <option value="">{t("portalSending.messages.allStatuses")}</option>
                {MESSAGE_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`portalSending.messageStatuses.${s}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className="rounded-md bg-brand-600 px-3 py-1 text-sm text-white">
                {t("app.search")}
              </button>
              <Link href={pathname} className="text-sm text-slate-500">
                {t("app.reset")}
              </Link>
            </form>
          </div>
          <DataTable
            t={t}
            testId="job-messages"
            pathname={pathname}
            params={query}
            rows={messages.rows}
            rowKey={(m) => m.id}
            total={messages.total}
            page={list.page}
            pageSize={list.pageSize}
            empty={t("portalSending.messages.empty")}
            columns={[
              { header: t("portalSending.messages.messageId"), cell: (m) => <span className="num">{m.id}</span> },
              { header: t("portalSending.messages.mobile"), cell: (m) => <span className="num">{m.mobile}</span> },
              {
                header: t("portalSending.messages.status"),
                cell: (m) => (
                  <span data-testid={`message-status-${m.mobile}`}>
                    <MessageStatusBadge t={t} status={m.status} />
                  </span>
                ),
              },
              { header: t("portalSending.messages.segments"), align: "right", cell: (m) => m.segments },
              {
                header: t("portalSending.messages.submittedAt"),
                cell: (m) => <span className="num">{at(m.submittedAt)}</span>,
              },
              {
                header: t("portalSending.messages.finalAt"),
                cell: (m) => <span className="num">{at(m.finalAt)}</span>,
              },
              { header: t("portalSending.messages.errorCode"), cell: (m) => m.errorCode ?? "" },
            ]}
          />
        </section>
        <Link href="/portal/jobs" className="text-sm text-brand-700 hover:underline">
          {t("portalSending.jobs.back")}
        </Link>
      </div>
    </>
  );
}
