import { DataTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Badge, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";

export default async function RepliesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireCustomer();
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["receivedAt"] as const, defaultSort: "receivedAt", pageSize: 50 });
  const mobile = param(params, "q")?.slice(0, 20);
  const { rows, total } = await (await api()).sending.replies({ page: list.page, pageSize: list.pageSize, mobile });
  return (
    <>
      <PageHeader title={t("portalSending.replies.title")} intro={t("portalSending.replies.intro")} />
      <form action="/portal/replies" method="get" className="mb-4 flex items-center gap-2" role="search">
        <input
          name="q"
          defaultValue={mobile ?? ""}
          placeholder={t("portalSending.replies.searchPlaceholder")}
          aria-label={t("portalSending.replies.searchPlaceholder")}
          className="w-60 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white">
          {t("app.search")}
        </button>
      </form>
      <DataTable
        t={t}
        testId="reply-table"
        pathname="/portal/replies"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("portalSending.replies.empty")}
        columns={[
          {
            header: t("portalSending.replies.receivedAt"),
            cell: (r) => <span className="num">{formatChinaDateTime(r.receivedAt, true)}</span>,
          },
          { header: t("portalSending.replies.from"), cell: (r) => <span className="num">{r.fromMobile}</span> },
          { header: t("portalSending.replies.contact"), cell: (r) => r.contactName ?? "—" },
          {
            header: t("portalSending.replies.text"),
            cell: (r) => <span className="whitespace-pre-wrap">{r.text}</span>,
          },
          {
            header: "",
            cell: (r) => (r.optOut ? <Badge tone="amber">{t("portalSending.replies.optOut")}</Badge> : null),
          },
        ]}
      />
    </>
  );
}
