import Link from "next/link";
import { RequestStatusBadge } from "@/app/_components/change-request";
import type { SearchParams } from "@/app/_components/list-params";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { openQueue, QueueView, REQUEST_STATES } from "../compliance/queue";

export default async function ChangeRequestsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const queue = await openQueue(searchParams, "SALES", REQUEST_STATES);
  const { t, page, pageSize, state: status } = queue;
  const { rows, total } = await (await api()).enterpriseChanges.queue({ page, pageSize, status });
  return (
    <QueueView
      queue={queue}
      pathname="/bureau/change-requests"
      title={t("team.review.title")}
      intro={t("team.review.intro")}
      stateLabel={t("team.review.status")}
      stateLabelOf={(s) => t(`team.changes.statuses.${s}`)}
      testId="change-request-table"
      rows={rows}
      total={total}
      empty={t("team.review.empty")}
      columns={[
        {
          header: t("team.review.enterprise"),
          cell: (r) => (
            <Link className="font-medium text-brand-700 hover:underline" href={`/bureau/change-requests/${r.id}`}>
              {r.enterprise.name}
            </Link>
          ),
        },
        { header: t("party.uscc"), cell: (r) => <span className="num">{r.enterprise.uscc}</span> },
        { header: t("team.review.fields"), cell: (r) => r.fields.map((f) => t(`party.${f}`)).join("、") },
        {
          header: t("team.review.requestedAt"),
          cell: (r) => <span className="num">{formatChinaDateTime(r.requestedAt)}</span>,
        },
        { header: t("team.review.status"), cell: (r) => <RequestStatusBadge t={t} status={r.status} /> },
      ]}
    />
  );
}
