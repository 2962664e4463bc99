import Link from "next/link";
import type { SearchParams } from "@/app/_components/list-params";
import { RequestStateBadge } from "@/app/portal/compliance/status-badge";
import { api } from "@/server/api/server";
import { formatChinaDate, formatChinaDateTime, toChinaDate } from "@/server/clock";
import { openQueue, QueueView, REQUEST_STATES } from "../queue";

export default async function ConsentQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const queue = await openQueue(searchParams, "COMPLIANCE", REQUEST_STATES);
  const { t, page, pageSize, state: status } = queue;
  const { rows, total } = await (await api()).compliance.consent.queue({ page, pageSize, status });
  return (
    <QueueView
      queue={queue}
      pathname="/bureau/compliance/consents"
      title={t("compliance.consents.title")}
      intro={t("compliance.consents.intro")}
      stateLabel={t("compliance.consents.status")}
      stateLabelOf={(s) => t(`compliance.statuses.${s}`)}
      testId="consent-queue"
      rows={rows}
      total={total}
      empty={t("compliance.consents.empty")}
      columns={[
        {
          header: t("compliance.consents.enterprise"),
          cell: (r) => (
            <Link className="font-medium text-brand-700 hover:underline" href={`/bureau/compliance/consents/${r.id}`}>
              {r.enterprise.name}
            </Link>
          ),
        },
        {
          header: t("compliance.consents.reason"),
          cell: (r) => <span className="line-clamp-2 max-w-md">{r.reason}</span>,
        },
        {
          header: t("compliance.consents.requested"),
          align: "right",
          cell: (r) => <span className="num">{r.requestedCount}</span>,
        },
        {
          header: t("compliance.consents.approved"),
          align: "right",
          cell: (r) => <span className="num">{r.status === "APPROVED" ? r.approvedCount : "—"}</span>,
        },
        {
          header: t("compliance.consents.validUntil"),
          cell: (r) => (
            <span className="num">
              {r.validUntil ? `${formatChinaDate(toChinaDate(new Date(r.validUntil.getTime() - 1)))} 24:00` : "—"}
            </span>
          ),
        },
        {
          header: t("compliance.consents.createdAt"),
          cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt)}</span>,
        },
        { header: t("compliance.consents.status"), cell: (r) => <RequestStateBadge t={t} status={r.status} /> },
      ]}
    />
  );
}
