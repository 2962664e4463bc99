import Link from "next/link";
import { ContractStatusBadge } from "@/app/_components/contract-status";
import { DataTable, SearchForm } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams, withParams } from "@/app/_components/list-params";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDate, formatChinaDateTime } from "@/server/clock";
import { CONTRACT_SORTS } from "@/server/contracts/queries";
import type { ContractStatus } from "@/server/generated/prisma/enums";
import { currentTranslator } from "@/server/i18n/current";

const STATUSES: ContractStatus[] = [
  "PENDING_REVIEW",
  "REJECTED",
  "APPROVED",
  "ACTIVE",
  "SUSPENDED",
  "TERMINATED",
  "EXPIRED",
];

export default async function ContractsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireStaff();
  const params = await searchParams;
  const { t, locale } = await currentTranslator();
  const list = parseListParams(params, { sorts: CONTRACT_SORTS, defaultSort: "createdAt" });
  const statusParam = param(params, "status");
  const status = STATUSES.find((s) => s === statusParam);
  const { rows, total } = await (
    await api()
  ).contracts.list({
    page: list.page,
    pageSize: list.pageSize,
    sort: list.sort,
    dir: list.dir,
    search: list.search,
    status,
  });
  const canEnter = user.role === "SALES" || user.role === "BUREAU_ADMIN";
  return (
    <>
      <PageHeader
        title={t("contracts.review.title")}
        actions={
          canEnter ? (
            <Link
              href="/bureau/contracts/new"
              className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t("contracts.review.newPaper")}
            </Link>
          ) : null
        }
      />
      <nav className="mb-4 flex flex-wrap gap-1 text-sm" aria-label={t("contracts.review.filterStatus")}>
        <Link
          href={withParams("/bureau/contracts", params, { status: undefined, page: undefined })}
          className={`rounded-full px-3 py-1 ${!status ? "bg-brand-600 text-white" : "bg-white text-slate-600 ring-1 ring-slate-200"}`}
        >
          {t("contracts.review.all")}
        </Link>
        {STATUSES.map((s) => (
          <Link
            key={s}
            href={withParams("/bureau/contracts", params, { status: s, page: undefined })}
            className={`rounded-full px-3 py-1 ${status === s ? "bg-brand-600 text-white" : "bg-white text-slate-600 ring-1 ring-slate-200"}`}
          >
            {t(`contractStatus.${s}`)}
          </Link>
        ))}
      </nav>
      <SearchForm
        t={t}
        pathname="/bureau/contracts"
        params={params}
        placeholder={t("contracts.review.searchPlaceholder")}
      >
        {status ? <input type="hidden" name="status" value={status} /> : null}
      </SearchForm>
      <DataTable
        t={t}
        testId="contract-table"
        pathname="/bureau/contracts"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        sort={list.sort}
        dir={list.dir}
        empty={t("contracts.review.empty")}
        columns={[
          {
            header: t("contracts.contract.number"),
            sort: "number",
            cell: (r) => (
              <Link className="num font-medium text-brand-700 hover:underline" href={`/bureau/contracts/${r.id}`}>
                {r.number}
              </Link>
            ),
          },
          { header: t("contracts.contract.enterprise"), cell: (r) => r.enterprise.name },
          { header: t("contracts.contract.status"), cell: (r) => <ContractStatusBadge t={t} status={r.status} /> },
          {
            header: t("contracts.contract.package"),
            cell: (r) => (locale === "zh" ? r.package.nameZh : r.package.nameEn),
          },
          {
            header: t("contracts.contract.validity"),
            sort: "startDate",
            cell: (r) => (
              <span className="num">
                {formatChinaDate(r.startDate)} — {formatChinaDate(r.endDate)}
              </span>
            ),
          },
          {
            header: t("contracts.review.submittedAt"),
            sort: "createdAt",
            cell: (r) => <span className="num">{r.submittedAt ? formatChinaDateTime(r.submittedAt) : "—"}</span>,
          },
        ]}
      />
    </>
  );
}
