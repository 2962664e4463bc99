import type { SearchParams } from "@/app/_components/list-params";
import { RequestStateBadge } from "@/app/portal/compliance/status-badge";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { openQueue, QueueView, REQUEST_STATES } from "../queue";
import { SignatureDecision } from "./signature-decision";

export default async function SignatureQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const queue = await openQueue(searchParams, "COMPLIANCE", REQUEST_STATES);
  const { t, page, pageSize, state: status } = queue;
  const { rows, total } = await (await api()).compliance.signature.queue({ page, pageSize, status });
  return (
    <QueueView
      queue={queue}
      pathname="/bureau/compliance/signatures"
      title={t("compliance.tabs.signatures")}
      intro={t("compliance.signature.intro")}
      stateLabel={t("compliance.consents.status")}
      stateLabelOf={(s) => t(`compliance.statuses.${s}`)}
      testId="signature-queue"
      rows={rows}
      total={total}
      empty={t("compliance.signature.empty")}
      columns={[
        { header: t("compliance.consents.enterprise"), cell: (r) => r.enterprise.name },
        {
          header: t("compliance.signature.title"),
          cell: (r) => (
            <span className="font-medium" data-testid={`queued-signature-${r.text}`}>
              【{r.text}】
            </span>
          ),
        },
        {
          header: t("compliance.signature.current"),
          cell: (r) => (r.currentSignature ? `【${r.currentSignature}】` : "—"),
        },
        {
          header: t("compliance.signature.createdAt"),
          cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt)}</span>,
        },
        { header: t("compliance.consents.status"), cell: (r) => <RequestStateBadge t={t} status={r.status} /> },
        status === "PENDING"
          ? { header: t("app.actions"), cell: (r) => <SignatureDecision id={r.id} text={r.text} /> }
          : { header: t("compliance.signature.decisionNote"), cell: (r) => r.decisionNote ?? "—" },
      ]}
    />
  );
}
