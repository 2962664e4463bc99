import Link from "next/link";
import { RequestStatusBadge } from "@/app/_components/change-request";
import { DataTable } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { PageHeader } from "@/app/_components/ui";
import { StateLinks } from "../compliance/status-tabs";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import type { RequestStatus } from "@/server/enterprises/party-fields";
import { currentTranslator } from "@/server/i18n/current";

const STATUSES: readonly RequestStatus[] = ["PENDING", "APPROVED", "REJECTED", "WITHDRAWN"];

export default async function ChangeRequestsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("SALES");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["requestedAt"] as const, defaultSort: "requestedAt" });
  const status = STATUSES.find((s) => s === param(params, "status")) ?? "PENDING";
  const { rows, total } = await (await api()).enterpriseChanges.queue({ page: list.page, pageSize: list.pageSize, status });
  return (
    <>
      <PageHeader title={t("team.review.title")} intro={t("team.review.intro")} />
      <StateLinks pathname="/bureau/change-requests" states={STATUSES} current={status} defaultState="PENDING" label={t("team.review.status")} labelOf={(s) => t(`team.changes.statuses.${s}`)} />
      <DataTable
        t={t}
        testId="change-request-table"
        pathname="/bureau/change-requests"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("team.review.empty")}
        columns={[
          { header: t("team.review.enterprise"), cell: (r) => <Link className="font-medium text-brand-700 hover:underline" href={`/bureau/change-requests/${r.id}`}>{r.enterprise.name}</Link> },
          { header: t("party.uscc"), cell: (r) => <span className="num">{r.enterprise.uscc}</span> },
          { header: t("team.review.fields"), cell: (r) => r.fields.map((f) => t(`party.${f}`)).join("、") },
          { header: t("team.review.requestedAt"), cell: (r) => <span className="num">{formatChinaDateTime(r.requestedAt)}</span> },
          { header: t("team.review.status"), cell: (r) => <RequestStatusBadge t={t} status={r.status} /> },
        ]}
      />
    </>
  );
}
