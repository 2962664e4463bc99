import Link from "next/link";
import { ContractStatusBadge } from "@/app/_components/contract-status";
import { DataTable, SearchForm } from "@/app/_components/data-table";
import { parseListParams, type SearchParams } from "@/app/_components/list-params";
import { requireStaff } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { ENTERPRISE_SORTS } from "@/server/enterprises/directory";
import { currentTranslator } from "@/server/i18n/current";

export default async function CustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff();
  const params = await searchParams;
  const { t, locale } = await currentTranslator();
  const list = parseListParams(params, { sorts: ENTERPRISE_SORTS, defaultSort: "createdAt" });
  const { rows, total } = await (await api()).customers.list(list);
  return (
    <>
      <PageHeader title={t("bureau.customers.title")} />
      <SearchForm
        t={t}
        pathname="/bureau/customers"
        params={params}
        placeholder={t("bureau.customers.searchPlaceholder")}
      />
      <DataTable
        t={t}
        testId="customer-table"
        pathname="/bureau/customers"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        sort={list.sort}
        dir={list.dir}
        empty={t("bureau.customers.empty")}
        columns={[
          {
            header: t("party.name"),
            sort: "name",
            cell: (r) => (
              <Link className="font-medium text-brand-700 hover:underline" href={`/bureau/customers/${r.id}`}>
                {r.name}
              </Link>
            ),
          },
          { header: t("party.uscc"), sort: "uscc", cell: (r) => <span className="num">{r.uscc}</span> },
          { header: t("party.contactName"), cell: (r) => `${r.contactName} ${r.contactMobile}` },
          {
            header: t("bureau.customers.status"),
            cell: (r) =>
              r.latestContract ? (
                <span className="flex items-center gap-2">
                  <ContractStatusBadge t={t} status={r.latestContract.status} />
                  <span className="text-xs text-slate-500">
                    {locale === "zh" ? r.latestContract.package.nameZh : r.latestContract.package.nameEn}
                  </span>
                </span>
              ) : (
                "—"
              ),
          },
          { header: t("bureau.customers.users"), align: "right", cell: (r) => r.userCount },
          {
            header: t("bureau.customers.createdAt"),
            sort: "createdAt",
            cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt)}</span>,
          },
        ]}
      />
    </>
  );
}
