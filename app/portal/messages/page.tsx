import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Alert, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { MESSAGE_STATES } from "@/server/sending/views";
import { TRPCError } from "@trpc/server";
import { formatChinaDate, formatChinaDateTime, parseChinaDate } from "@/server/clock";
import { isAppError } from "@/server/errors";
import { currentTranslator } from "@/server/i18n/current";
import { MessageStatusBadge } from "../jobs/status-badges";

/** A China date typed in the search form, or why not: never dropped silently. */
function dateParam(value: string | undefined): { date?: string; invalid?: string } {
  if (!value) return {};
  try {
    return { date: formatChinaDate(parseChinaDate(value)) };
  } catch {
    return { invalid: value };
  }
}

export default async function MessagesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireCustomer();
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt", pageSize: 50 });
  const mobile = param(params, "mobile")?.slice(0, 20);
  const from = param(params, "from");
  const to = param(params, "to");
  const status = MESSAGE_STATES.find((s) => s === param(params, "status"));
  const fromDate = dateParam(from);
  const toDate = dateParam(to);
  const invalid = fromDate.invalid ?? toDate.invalid;
  let problem: string | null =
    invalid !== undefined ? t("portalSending.messages.dateInvalid", { value: invalid }) : null;
  const found = problem
    ? null
    : await (
        await api()
      ).sending
        .messages({ page: list.page, pageSize: list.pageSize, mobile, from: fromDate.date, to: toDate.date, status })
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
      <PageHeader title={t("portalSending.messages.title")} intro={t("portalSending.messages.intro")} />
      <form action="/portal/messages" method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <label className="text-xs text-slate-600">
          {t("portalSending.messages.mobile")}
          <br />
          <input
            name="mobile"
            defaultValue={mobile ?? ""}
            placeholder={t("portalSending.messages.mobilePlaceholder")}
            className={`${input} w-48`}
            data-testid="search-mobile"
          />
        </label>
        <label className="text-xs text-slate-600">
          {t("portalSending.messages.from")}
          <br />
          <input type="date" name="from" defaultValue={from ?? ""} className={input} />
        </label>
        <label className="text-xs text-slate-600">
          {t("portalSending.messages.to")}
          <br />
          <input type="date" name="to" defaultValue={to ?? ""} className={input} />
        </label>
        <label className="text-xs text-slate-600">
          {t("portalSending.messages.status")}
          <br />
          <select name="status" defaultValue={status ?? ""} className={input}>
            <option value="">{t("portalSending.messages.allStatuses")}</option>
            {MESSAGE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`portalSending.messageStatuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("portalSending.messages.search")}
        </button>
        <Link href="/portal/messages" className="px-2 py-2 text-sm text-slate-500 hover:text-slate-800">
          {t("app.reset")}
        </Link>
      </form>
      {problem ? (
        <div className="mb-4">
          <Alert tone="error" testId="message-search-error">
            {problem}
          </Alert>
        </div>
      ) : null}
      <DataTable
        t={t}
        testId="message-table"
        pathname="/portal/messages"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("portalSending.messages.empty")}
        columns={[
          {
            header: t("portalSending.messages.createdAt"),
            cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt, true)}</span>,
          },
          { header: t("portalSending.messages.mobile"), cell: (r) => <span className="num">{r.mobile}</span> },
          {
            header: t("portalSending.messages.content"),
            cell: (r) => <span className="line-clamp-2 max-w-md">{r.fullText}</span>,
          },
          { header: t("portalSending.messages.status"), cell: (r) => <MessageStatusBadge t={t} status={r.status} /> },
          {
            header: t("portalSending.messages.finalAt"),
            cell: (r) => <span className="num">{r.finalAt ? formatChinaDateTime(r.finalAt, true) : "—"}</span>,
          },
          {
            header: t("portalSending.messages.job"),
            cell: (r) => (
              <Link href={`/portal/jobs/${r.jobId}`} className="text-brand-700 hover:underline">
                {t("app.open")}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
