import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { MESSAGE_STATES } from "@/server/api-v1/views";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { MessageStatusBadge } from "../jobs/status-badges";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default async function MessagesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireCustomer();
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt", pageSize: 50 });
  const mobile = param(params, "mobile")?.slice(0, 20);
  const from = param(params, "from");
  const to = param(params, "to");
  const status = MESSAGE_STATES.find((s) => s === param(params, "status"));
  const { rows, total } = await (await api()).sending.messages({
    page: list.page,
    pageSize: list.pageSize,
    mobile,
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    status,
  });
  const input = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <>
      <PageHeader title={t("portalSending.messages.title")} intro={t("portalSending.messages.intro")} />
      <form action="/portal/messages" method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <label className="text-xs text-slate-600">{t("portalSending.messages.mobile")}<br />
          <input name="mobile" defaultValue={mobile ?? ""} placeholder={t("portalSending.messages.mobilePlaceholder")} className={`${input} w-48`} data-testid="search-mobile" />
        </label>
        <label className="text-xs text-slate-600">{t("portalSending.messages.from")}<br /><input type="date" name="from" defaultValue={from ?? ""} className={input} /></label>
        <label className="text-xs text-slate-600">{t("portalSending.messages.to")}<br /><input type="date" name="to" defaultValue={to ?? ""} className={input} /></label>
        <label className="text-xs text-slate-600">{t("portalSending.messages.status")}<br />
          <select name="status" defaultValue={status ?? ""} className={input}>
            <option value="">{t("portalSending.messages.allStatuses")}</option>
            {MESSAGE_STATES.map((s) => <option key={s} value={s}>{t(`portalSending.messageStatuses.${s}`)}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">{t("portalSending.messages.search")}</button>
        <Link href="/portal/messages" className="px-2 py-2 text-sm text-slate-500 hover:text-slate-800">{t("app.reset")}</Link>
      </form>
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
          { header: t("portalSending.messages.createdAt"), cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt, true)}</span> },
          { header: t("portalSending.messages.mobile"), cell: (r) => <span className="num">{r.mobile}</span> },
          { header: t("portalSending.messages.content"), cell: (r) => <span className="line-clamp-2 max-w-md">{r.fullText}</span> },
          { header: t("portalSending.messages.status"), cell: (r) => <MessageStatusBadge t={t} status={r.status} /> },
          { header: t("portalSending.messages.finalAt"), cell: (r) => <span className="num">{r.finalAt ? formatChinaDateTime(r.finalAt, true) : "—"}</span> },
          { header: t("portalSending.messages.job"), cell: (r) => <Link href={`/portal/jobs/${r.jobId}`} className="text-brand-700 hover:underline">{t("app.open")}</Link> },
        ]}
      />
    </>
  );
}
