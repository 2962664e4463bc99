import { DataTable } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { PageHeader } from "@/app/_components/ui";
import { RequestStateBadge, type RequestState } from "@/app/portal/compliance/status-badge";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { StateLinks } from "../status-tabs";
import { SignatureDecision } from "./signature-decision";

const STATES: readonly RequestState[] = ["PENDING", "APPROVED", "REJECTED", "WITHDRAWN"];

export default async function SignatureQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("COMPLIANCE");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt" });
  const status = STATES.find((s) => s === param(params, "status")) ?? "PENDING";
  const { rows, total } = await (await api()).compliance.signature.queue({ page: list.page, pageSize: list.pageSize, status });
  return (
    <>
      <PageHeader title={t("compliance.tabs.signatures")} intro={t("compliance.signature.intro")} />
      <StateLinks pathname="/bureau/compliance/signatures" states={STATES} current={status} defaultState="PENDING" label={t("compliance.consents.status")} labelOf={(s) => t(`compliance.statuses.${s}`)} />
      <DataTable
        t={t}
        testId="signature-queue"
        pathname="/bureau/compliance/signatures"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("compliance.signature.empty")}
        columns={[
          { header: t("compliance.consents.enterprise"), cell: (r) => r.enterprise.name },
          { header: t("compliance.signature.title"), cell: (r) => <span className="font-medium" data-testid={`queued-signature-${r.text}`}>【{r.text}】</span> },
          { header: t("compliance.signature.current"), cell: (r) => (r.currentSignature ? `【${r.currentSignature}】` : "—") },
          { header: t("compliance.signature.createdAt"), cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt)}</span> },
          { header: t("compliance.consents.status"), cell: (r) => <RequestStateBadge t={t} status={r.status} /> },
          status === "PENDING"
            ? { header: t("app.actions"), cell: (r) => <SignatureDecision id={r.id} text={r.text} /> }
            : { header: t("compliance.signature.decisionNote"), cell: (r) => r.decisionNote ?? "—" },
        ]}
      />
    </>
  );
}
