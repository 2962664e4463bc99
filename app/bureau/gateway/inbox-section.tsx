// The carrier inbox on the gateway page: counts, and what is still waiting (paged, newest first by
// default, filtered by why it waits; all in the URL).
import { DataTable } from "@/app/_components/data-table";
import { param, parseListParams, type SearchParams, withParams } from "@/app/_components/list-params";
import { FilterLinks } from "@/app/_components/tabs";
import { Badge, Card, StatCard } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import type { Translate } from "@/server/i18n";
import { PENDING_RECEIPT_NOTES, type PendingReceiptNote } from "@/server/sending/receipts";

const PATH = "/bureau/gateway";

export async function InboxSection({ params, t }: { params: SearchParams; t: Translate }) {
  const list = parseListParams(params, { sorts: ["receivedAt"] as const, defaultSort: "receivedAt" });
  const noteParam = param(params, "note");
  const note = PENDING_RECEIPT_NOTES.find((n) => n === noteParam);
  const caller = await api();
  const inbox = await caller.gateway.inbox({ page: list.page, pageSize: list.pageSize, note, dir: list.dir });
  const count = (kind: "RECEIPT" | "REPLY", status: string) =>
    inbox.counts.find((c) => c.kind === kind && c.status === status)?.count ?? 0;
  const pendingReceipts = count("RECEIPT", "PENDING");
  const pendingReplies = count("REPLY", "PENDING");
  const noteLabel = (n: string | null) =>
    n && (PENDING_RECEIPT_NOTES as readonly string[]).includes(n)
      ? t(`gateway.inbox.notes.${n as PendingReceiptNote}`)
      : "—";
  return (
    <Card title={t("gateway.inbox.title")}>
      <p className="mb-4 text-sm text-slate-500">{t("gateway.inbox.intro")}</p>
      <div className="mb-4 grid gap-4 sm:grid-cols-3 xl:grid-cols-6" data-testid="inbox-counts">
        <StatCard
          label={t("gateway.inbox.pendingReceipts")}
          value={pendingReceipts}
          tone={pendingReceipts > 0 ? "warn" : "default"}
          href={withParams(PATH, {}, {})}
        />
        <StatCard
          label={t("gateway.inbox.mismatched")}
          value={inbox.mismatched}
          tone={inbox.mismatched > 0 ? "warn" : "default"}
          href={withParams(PATH, {}, { note: "HANDSET_MISMATCH" })}
        />
        <StatCard
          label={t("gateway.inbox.pendingReplies")}
          value={pendingReplies}
          tone={pendingReplies > 0 ? "warn" : "default"}
        />
        <StatCard label={t("gateway.inbox.applied")} value={count("RECEIPT", "APPLIED")} />
        <StatCard label={t("gateway.inbox.duplicates")} value={count("RECEIPT", "DUPLICATE")} />
        <StatCard label={t("gateway.inbox.intermediate")} value={count("RECEIPT", "INTERMEDIATE")} />
      </div>
      <FilterLinks
        label={t("gateway.inbox.note")}
        items={[
          { label: t("gateway.inbox.all"), href: withParams(PATH, {}, {}), active: !note },
          ...PENDING_RECEIPT_NOTES.map((n) => ({
            label: t(`gateway.inbox.notes.${n}`),
            href: withParams(PATH, {}, { note: n }),
            active: note === n,
          })),
        ]}
      />
      <DataTable
        t={t}
        testId="inbox-table"
        pathname={PATH}
        params={params}
        rows={inbox.rows}
        rowKey={(r) => r.id}
        total={inbox.total}
        page={list.page}
        pageSize={list.pageSize}
        sort={list.sort}
        dir={list.dir}
        empty={t("gateway.inbox.empty")}
        columns={[
          {
            header: t("gateway.inbox.receivedAt"),
            sort: "receivedAt",
            cell: (r) => <span className="num">{formatChinaDateTime(r.receivedAt)}</span>,
          },
          {
            header: t("gateway.inbox.kind"),
            cell: (r) => (
              <Badge tone={r.kind === "RECEIPT" ? "slate" : "amber"}>{t(`gateway.inbox.kinds.${r.kind}`)}</Badge>
            ),
          },
          { header: t("gateway.inbox.handset"), cell: (r) => <span className="num">{r.handset}</span> },
          { header: t("gateway.inbox.address"), cell: (r) => <span className="num">{r.address}</span> },
          {
            header: t("gateway.inbox.smscId"),
            cell: (r) => (
              <span className="num">
                {r.smscId ?? (r.partTotal ? t("gateway.inbox.part", { seq: r.partSeq ?? 1, total: r.partTotal }) : "—")}
              </span>
            ),
          },
          {
            header: t("gateway.inbox.stat"),
            cell: (r) => (r.stat ? `${r.stat}${r.errorCode ? ` (${r.errorCode})` : ""}` : "—"),
          },
          { header: t("gateway.inbox.note"), cell: (r) => noteLabel(r.note) },
          { header: t("gateway.inbox.link"), cell: (r) => <span className="num text-slate-500">{r.link}</span> },
        ]}
      />
    </Card>
  );
}
