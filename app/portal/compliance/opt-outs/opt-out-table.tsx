// An enterprise's opt-out list: each number with the keyword and the reply that put it there.
import type { ReactNode } from "react";
import { DataTable } from "@/app/_components/data-table";
import type { SearchParams } from "@/app/_components/list-params";
import { formatChinaDateTime } from "@/server/clock";
import type { Translate } from "@/server/i18n";

export function OptOutTable(props: {
  t: Translate;
  rows: { id: string; mobile: string; keyword: string; replyText: string; createdAt: Date }[];
  total: number;
  page: number;
  pageSize: number;
  pathname: string;
  params: SearchParams;
  /** The back office's action on an entry (the portal has none). */
  action?: (row: { id: string; mobile: string }) => ReactNode;
}) {
  const { t } = props;
  return (
    <DataTable
      t={t}
      testId="opt-out-table"
      pathname={props.pathname}
      params={props.params}
      rows={props.rows}
      rowKey={(r) => r.id}
      total={props.total}
      page={props.page}
      pageSize={props.pageSize}
      empty={t("compliance.optOuts.empty")}
      columns={[
        {
          header: t("compliance.optOuts.mobile"),
          cell: (r) => (
            <span className="num" data-testid={`opt-out-${r.mobile}`}>
              {r.mobile}
            </span>
          ),
        },
        { header: t("compliance.optOuts.keyword"), cell: (r) => r.keyword },
        {
          header: t("compliance.optOuts.replyText"),
          cell: (r) => <span className="whitespace-pre-wrap">{r.replyText}</span>,
        },
        {
          header: t("compliance.optOuts.createdAt"),
          cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt)}</span>,
        },
        ...(props.action ? [{ header: t("app.actions"), cell: props.action }] : []),
      ]}
    />
  );
}
