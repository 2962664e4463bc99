import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { DataTable } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Alert, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { AUDIT_SORTS } from "@/server/audit/query";
import { auditFieldLabel, formatAuditValue } from "@/server/audit/format";
import { formatChinaDate, formatChinaDateTime, parseChinaDate } from "@/server/clock";
import { isAppError } from "@/server/errors";
import { currentTranslator } from "@/server/i18n/current";

/** A China date typed in the filter, or why not: never dropped silently. */
function dateParam(value: string | undefined): { date?: string; invalid?: string } {
  if (!value) return {};
  try {
    return { date: formatChinaDate(parseChinaDate(value)) };
  } catch {
    return { invalid: value };
  }
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("BUREAU_ADMIN");
  const params = await searchParams;
  const { t, locale } = await currentTranslator();
  const list = parseListParams(params, { sorts: AUDIT_SORTS, defaultSort: "at", pageSize: 50 });
  const actor = param(params, "actor")?.slice(0, 100);
  const action = param(params, "action")?.slice(0, 100) ?? list.search;
  const target = param(params, "target")?.slice(0, 100);
  const from = param(params, "from");
  const to = param(params, "to");
  const fromDate = dateParam(from);
  const toDate = dateParam(to);
  const invalid = fromDate.invalid ?? toDate.invalid;
  let problem: string | null = invalid !== undefined ? t("bureau.audit.dateInvalid", { value: invalid }) : null;
  const found = problem
    ? null
    : await (
        await api()
      ).audit
        .list({
          page: list.page,
          pageSize: list.pageSize,
          sort: list.sort,
          dir: list.dir,
          actor,
          action,
          target,
          from: fromDate.date,
          to: toDate.date,
        })
        .catch((error: unknown) => {
          // A reversed range: the service's own refusal, in the user's language.
          if (!(error instanceof TRPCError) || !isAppError(error.cause)) throw error;
          problem = t(`errors.${error.cause.code}`, error.cause.params);
          return null;
        });
  const { rows, total } = found ?? { rows: [], total: 0 };
  const input = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <>
      <PageHeader title={t("bureau.audit.title")} intro={t("bureau.audit.intro")} />
      <form action="/bureau/audit" method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <label className="text-xs text-slate-600">
          {t("bureau.audit.filters.actor")}
          <br />
          <input name="actor" defaultValue={actor ?? ""} className={`${input} w-48`} data-testid="audit-actor" />
        </label>
        <label className="text-xs text-slate-600">
          {t("bureau.audit.filters.action")}
          <br />
          <input name="action" defaultValue={action ?? ""} className={`${input} w-44`} />
        </label>
        <label className="text-xs text-slate-600">
          {t("bureau.audit.filters.target")}
          <br />
          <input name="target" defaultValue={target ?? ""} className={`${input} w-44`} />
        </label>
        <label className="text-xs text-slate-600">
          {t("bureau.audit.filters.from")}
          <br />
          <input type="date" name="from" defaultValue={from ?? ""} className={input} />
        </label>
        <label className="text-xs text-slate-600">
          {t("bureau.audit.filters.to")}
          <br />
          <input type="date" name="to" defaultValue={to ?? ""} className={input} />
        </label>
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium whitespace-nowrap text-white hover:bg-brand-700"
        >
          {t("bureau.audit.filters.submit")}
        </button>
        <Link href="/bureau/audit" className="px-2 py-2 text-sm whitespace-nowrap text-slate-600 hover:underline">
          {t("bureau.audit.filters.reset")}
        </Link>
      </form>
      {problem ? (
        <div className="mb-4">
          <Alert tone="error" testId="audit-filter-error">
            {problem}
          </Alert>
        </div>
      ) : null}
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
        sort={list.sort}
        dir={list.dir}
        empty={t("bureau.audit.empty")}
        columns={[
          {
            header: t("bureau.audit.at"),
            sort: "at",
            cell: (r) => <span className="num whitespace-nowrap">{formatChinaDateTime(r.at, true)}</span>,
          },
          {
            header: t("bureau.audit.actor"),
            sort: "actor",
            cell: (r) =>
              r.actorEmail ? (
                <span className="block max-w-56">
                  <span className="block text-slate-900">{r.actorName}</span>
                  <span className="block text-xs break-all text-slate-500">{r.actorEmail}</span>
                </span>
              ) : (
                <span className="text-slate-500">{t("bureau.audit.system")}</span>
              ),
          },
          {
            header: t("bureau.audit.action"),
            sort: "action",
            cell: (r) => <code className="text-xs">{r.action}</code>,
          },
          {
            header: t("bureau.audit.entity"),
            cell: (r) => (
              <span className="text-xs text-slate-600">
                {r.entityType}
                {r.entityId ? ` · ${r.entityId}` : ""}
              </span>
            ),
          },
          {
            header: t("bureau.audit.changes"),
            cell: (r) =>
              r.changes.length === 0 && r.facts.length === 0 ? (
                t("bureau.audit.noChanges")
              ) : (
                <dl
                  className="grid max-w-xl grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs"
                  data-testid="audit-changes"
                >
                  {r.changes.map((c) => (
                    <div key={`c-${c.field}`} className="contents">
                      <dt className="whitespace-nowrap text-slate-500">{auditFieldLabel(locale, c.field)}</dt>
                      <dd className="break-words text-slate-900">
                        <span className="text-slate-500 line-through decoration-slate-300">
                          {formatAuditValue(t, c.field, c.before)}
                        </span>
                        {" → "}
                        <span className="font-medium">{formatAuditValue(t, c.field, c.after)}</span>
                      </dd>
                    </div>
                  ))}
                  {r.facts.map((f) => (
                    <div key={`f-${f.field}`} className="contents">
                      <dt className="whitespace-nowrap text-slate-500">{auditFieldLabel(locale, f.field)}</dt>
                      <dd className="break-words text-slate-700">{formatAuditValue(t, f.field, f.value)}</dd>
                    </div>
                  ))}
                </dl>
              ),
          },
          { header: t("bureau.audit.ip"), cell: (r) => <span className="num text-xs">{r.ip ?? "—"}</span> },
        ]}
      />
    </>
  );
}
