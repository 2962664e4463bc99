import { DataTable, SearchForm } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { parseListParams, type SearchParams } from "@/app/_components/list-params";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("BUREAU_ADMIN");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["at"] as const, defaultSort: "at", pageSize: 50 });
  const { rows, total } = await (
    await api()
  ).audit.list({ page: list.page, pageSize: list.pageSize, action: list.search });
  return (
    <>
      <PageHeader title={t("bureau.audit.title")} intro={t("bureau.audit.intro")} />
      <SearchForm t={t} pathname="/bureau/audit" params={params} placeholder={t("bureau.audit.filterAction")} />
      <DataTable
        t={t}
        testId="audit-table"
        pathname="/bureau/audit"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("bureau.audit.empty")}
        columns={[
          {
            header: t("bureau.audit.at"),
            cell: (r) => <span className="num whitespace-nowrap">{formatChinaDateTime(r.at, true)}</span>,
          },
          {
            header: t("bureau.audit.actor"),
            cell: (r) => (r.actorEmail ? `${r.actorName ?? ""} <${r.actorEmail}>` : "system"),
          },
          { header: t("bureau.audit.action"), cell: (r) => <code className="text-xs">{r.action}</code> },
          {
            header: t("bureau.audit.entity"),
            cell: (r) => (
              <span className="text-xs text-slate-600">
                {r.entityType}
                {r.entityId ? ` · ${r.entityId}` : ""}
              </span>
            ),
          },
          { header: t("bureau.audit.ip"), cell: (r) => <span className="num text-xs">{r.ip ?? "—"}</span> },
        ]}
      />
    </>
  );
}
