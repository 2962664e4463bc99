import type { SearchParams } from "@/app/_components/list-params";
import { Badge } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { openQueue, QueueView } from "../queue";
import { REVIEW_QUEUE_STATES } from "@/server/sending/review";
import { ReviewDecision } from "./review-decision";

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const queue = await openQueue(searchParams, "COMPLIANCE", REVIEW_QUEUE_STATES);
  const { t, page, pageSize, state } = queue;
  const { rows, total } = await (await api()).compliance.review.queue({ page, pageSize, state });
  return (
    <QueueView
      queue={queue}
      pathname="/bureau/compliance/review"
      title={t("compliance.review.title")}
      intro={t("compliance.review.intro")}
      stateLabel={t("compliance.review.status")}
      stateLabelOf={(s) => (s === "HELD" ? t("compliance.review.held") : t("compliance.review.decided"))}
      testId="review-queue"
      rows={rows}
      total={total}
      empty={state === "HELD" ? t("compliance.review.empty") : t("compliance.review.emptyDecided")}
      columns={[
        { header: t("compliance.review.enterprise"), cell: (r) => r.enterprise.name },
        {
          header: t("compliance.review.content"),
          cell: (r) => (
            <p className="max-w-md whitespace-pre-wrap" data-testid={`held-content-${r.id}`}>
              {r.fullText}
            </p>
          ),
        },
        {
          header: t("compliance.review.terms"),
          cell: (r) => (
            <span className="flex flex-wrap gap-1">
              {r.heldTerms.map((term) => (
                <Badge key={term} tone="amber">
                  {term}
                </Badge>
              ))}
            </span>
          ),
        },
        {
          header: t("compliance.review.recipients"),
          align: "right",
          cell: (r) => <span className="num">{r.acceptedCount}</span>,
        },
        {
          header: t("compliance.review.segments"),
          align: "right",
          cell: (r) => <span className="num">{r.reservedSegments}</span>,
        },
        {
          header: t("compliance.review.createdAt"),
          cell: (r) => (
            <span className="num">
              {formatChinaDateTime(r.createdAt)}
              {r.scheduledAt ? ` → ${formatChinaDateTime(r.scheduledAt)}` : ""}
            </span>
          ),
        },
        state === "HELD"
          ? { header: t("app.actions"), cell: (r) => <ReviewDecision id={r.id} /> }
          : {
              header: t("compliance.review.reviewNote"),
              cell: (r) => (
                <span className="space-y-1">
                  <Badge tone={r.status === "REJECTED" ? "red" : "green"}>
                    {t(`compliance.review.jobStatuses.${r.status}`)}
                  </Badge>
                  <span className="block text-xs text-slate-500">
                    {r.reviewNote ?? ""}
                    {r.reviewedBy ? ` · ${r.reviewedBy.name}` : ""}
                    {r.reviewedAt ? ` · ${formatChinaDateTime(r.reviewedAt)}` : ""}
                  </span>
                </span>
              ),
            },
      ]}
    />
  );
}
