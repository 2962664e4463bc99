// The one way to render a table: columns, rows, sortable headers and a pager, all driven by the URL.
import Link from "next/link";
import type { ReactNode } from "react";
import type { Translate } from "@/server/i18n";
import { EmptyState } from "./ui";
import { type SearchParams, withParams } from "./list-params";

export interface Column<R> {
  header: string;
  cell: (row: R) => ReactNode;
  /** The sort key this column orders by, when sortable. */
  sort?: string;
  align?: "left" | "right";
  className?: string;
}

export function DataTable<R>(props: {
  t: Translate;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  total: number;
  page: number;
  pageSize: number;
  pathname: string;
  params: SearchParams;
  sort?: string;
  dir?: "asc" | "desc";
  empty: string;
  testId?: string;
}) {
  const { t, columns, rows, total, page, pageSize, pathname, params } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (rows.length === 0 && page === 1) return <EmptyState>{props.empty}</EmptyState>;
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={props.testId}>
          <thead className="bg-slate-50">
            <tr>
              {columns.map((col) => {
                const active = col.sort !== undefined && col.sort === props.sort;
                const nextDir = active && props.dir === "asc" ? "desc" : "asc";
                return (
                  <th
                    key={col.header}
                    scope="col"
                    className={`px-4 py-2.5 font-medium whitespace-nowrap text-slate-600 ${col.align === "right" ? "text-right" : "text-left"}`}
                  >
                    {col.sort ? (
                      <Link
                        href={withParams(pathname, params, { sort: col.sort, dir: nextDir, page: undefined })}
                        className="inline-flex items-center gap-1 hover:text-slate-900"
                        aria-label={`${col.header} ${nextDir === "asc" ? t("table.sortAsc") : t("table.sortDesc")}`}
                      >
                        {col.header}
                        <span aria-hidden className={active ? "text-brand-600" : "text-slate-300"}>
                          {active && props.dir === "asc" ? "▲" : "▼"}
                        </span>
                      </Link>
                    ) : (
                      col.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={props.rowKey(row)} className="hover:bg-slate-50">
                {columns.map((col) => (
                  <td
                    key={col.header}
                    className={`px-4 py-2.5 align-top first:min-w-36 ${col.align === "right" ? "num text-right" : ""} ${col.className ?? ""}`}
                  >
                    {col.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav
        className="flex items-center justify-between border-t border-slate-100 px-4 py-2.5 text-sm text-slate-500"
        aria-label="pagination"
      >
        <span data-testid="pager-summary">{t("table.page", { page, pages, total })}</span>
        <span className="flex gap-2">
          {page > 1 ? (
            <Link
              className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-50"
              href={withParams(pathname, params, { page: page - 1 })}
            >
              {t("table.prev")}
            </Link>
          ) : null}
          {page < pages ? (
            <Link
              className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-50"
              href={withParams(pathname, params, { page: page + 1 })}
            >
              {t("table.next")}
            </Link>
          ) : null}
        </span>
      </nav>
    </div>
  );
}

/** A plain GET search form: works without JavaScript and keeps the sort. */
export function SearchForm({
  t,
  pathname,
  params,
  placeholder,
  children,
}: {
  t: Translate;
  pathname: string;
  params: SearchParams;
  placeholder: string;
  children?: ReactNode;
}) {
  const keep = ["sort", "dir"].filter((k) => typeof params[k] === "string");
  return (
    <form action={pathname} method="get" className="mb-4 flex flex-wrap items-center gap-2" role="search">
      {keep.map((k) => (
        <input key={k} type="hidden" name={k} value={String(params[k])} />
      ))}
      <input
        name="q"
        defaultValue={typeof params.q === "string" ? params.q : ""}
        placeholder={placeholder}
        aria-label={placeholder}
        className="w-72 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none"
      />
      {children}
      <button
        type="submit"
        className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t("app.search")}
      </button>
      <Link href={pathname} className="px-2 text-sm text-slate-500 hover:text-slate-800">
        {t("app.reset")}
      </Link>
    </form>
  );
}

/** A short list shown whole (a customer's statements, API keys): the same table, one page, no sorting. */
export function ListTable<R>(props: {
  t: Translate;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  empty: string;
  testId?: string;
}) {
  return (
    <DataTable
      {...props}
      total={props.rows.length}
      page={1}
      pageSize={Math.max(1, props.rows.length)}
      pathname=""
      params={{}}
    />
  );
}
