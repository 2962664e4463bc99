import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { PageHeader } from "@/app/_components/ui";
import { RequestStateBadge, type RequestState } from "@/app/portal/compliance/status-badge";
import { api } from "@/server/api/server";
import { formatChinaDate, formatChinaDateTime, toChinaDate } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { StateLinks } from "../status-tabs";

const STATES: readonly RequestState[] = ["PENDING", "APPROVED", "REJECTED", "WITHDRAWN"];

export default async function ConsentQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("COMPLIANCE");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt" });
  const status = STATES.find((s) => s === param(params, "status")) ?? "PENDING";
  const { rows, total } = await (await api()).compliance.consent.queue({ page: list.page, pageSize: list.pageSize, status });
  return (
    <>
      <PageHeader title={t("compliance.consents.title")} intro={t("compliance.consents.intro")} />
      <StateLinks pathname="/bureau/compliance/consents" states={STATES} current={status} defaultState="PENDING" label={t("compliance.consents.status")} labelOf={(s) => t(`compliance.statuses.${s}`)} />
      <DataTable
        t={t}
        testId="consent-queue"
        pathname="/bureau/compliance/consents"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("compliance.consents.empty")}
        columns={[
          { header: t("compliance.consents.enterprise"), cell: (r) => <Link className="font-medium text-brand-700 hover:underline" href={`/bureau/compliance/consents/${r.id}`}>{r.enterprise.name}</Link> },
          { header: t("compliance.consents.reason"), cell: (r) => <span className="line-clamp-2 max-w-md">{r.reason}</span> },
          { header: t("compliance.consents.requested"), align: "right", cell: (r) => <span className="num">{r.requestedCount}</span> },
          { header: t("compliance.consents.approved"), align: "right", cell: (r) => <span className="num">{r.status === "APPROVED" ? r.approvedCount : "—"}</span> },
          { header: t("compliance.consents.validUntil"), cell: (r) => <span className="num">{r.validUntil ? `${formatChinaDate(toChinaDate(new Date(r.validUntil.getTime() - 1)))} 24:00` : "—"}</span> },
          { header: t("compliance.consents.createdAt"), cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt)}</span> },
          { header: t("compliance.consents.status"), cell: (r) => <RequestStateBadge t={t} status={r.status} /> },
        ]}
      />
    </>
  );
}
