// Mail received by the local SMTP catcher (the outgoing server when SMTP_URL is unset), newest first.
import Link from "next/link";
import { DataTable, SearchForm } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { parseListParams, type SearchParams } from "@/app/_components/list-params";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { MailTabs } from "../tabs";

export default async function CaughtMailPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("FINANCE");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["receivedAt"] as const, defaultSort: "receivedAt", pageSize: 50 });
  const { rows, total } = await (
    await api()
  ).mail.caught({ page: list.page, pageSize: list.pageSize, search: list.search });
  return (
    <>
      <PageHeader title={t("mail.title")} intro={t("mail.intro")} />
      <MailTabs t={t} current="caught" />
      <SearchForm
        t={t}
        pathname="/bureau/mail/caught"
        params={params}
        placeholder={t("mail.caught.searchPlaceholder")}
      />
      <DataTable
        t={t}
        testId="caught-mail-table"
        pathname="/bureau/mail/caught"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("mail.caught.empty")}
        columns={[
          {
            header: t("mail.caught.receivedAt"),
            cell: (r) => <span className="num whitespace-nowrap">{formatChinaDateTime(r.receivedAt, true)}</span>,
          },
          { header: t("mail.caught.to"), cell: (r) => r.toHeader },
          {
            header: t("mail.caught.subject"),
            cell: (r) => (
              <Link href={`/bureau/mail/caught/${r.id}`} className="text-brand-700 hover:underline">
                {r.subject || "—"}
              </Link>
            ),
          },
          {
            header: t("mail.caught.attachments"),
            align: "right",
            cell: (r) => <span className="num">{r.attachments}</span>,
          },
          {
            header: t("mail.caught.size"),
            align: "right",
            cell: (r) => <span className="num">{t("mail.caught.bytes", { size: r.size })}</span>,
          },
        ]}
      />
    </>
  );
}
