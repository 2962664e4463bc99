// The payment reminder log: every reminder written by collections, with its delivery state,
// filtered by status, kind and channel (in the URL).
import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Badge, type BadgeTone, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { ReminderChannel, ReminderKind, ReminderStatus } from "@/server/generated/prisma/enums";
import { currentTranslator } from "@/server/i18n/current";
import { formatFen } from "@/server/money";
import { MailTabs } from "./tabs";

const STATUSES = Object.values(ReminderStatus);
const KINDS = Object.values(ReminderKind);
const CHANNELS = Object.values(ReminderChannel);
const STATUS_TONES: Record<ReminderStatus, BadgeTone> = {
  PENDING: "slate",
  RETRY: "amber",
  SENT: "green",
  FAILED: "red",
};

function pick<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((v) => v === value);
}

export default async function MailRemindersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("FINANCE");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt", pageSize: 50 });
  const filter = {
    status: pick(STATUSES, param(params, "status")),
    kind: pick(KINDS, param(params, "kind")),
    channel: pick(CHANNELS, param(params, "channel")),
  };
  const { rows, total } = await (await api()).mail.reminders({ page: list.page, pageSize: list.pageSize, ...filter });
  const select = (
    name: string,
    label: string,
    values: readonly string[],
    labelOf: (v: string) => string,
    current: string | undefined,
  ) => (
    <label className="flex items-center gap-1 text-sm text-slate-600">
      {label}
      <select
        name={name}
        defaultValue={current ?? ""}
        className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
      >
        <option value="">{t("mail.reminders.all")}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {labelOf(v)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <PageHeader title={t("mail.title")} intro={t("mail.intro")} />
      <MailTabs t={t} current="reminders" />
      <form
        action="/bureau/mail"
        method="get"
        className="mb-4 flex flex-wrap items-center gap-3"
        data-testid="reminder-filter"
      >
        {select(
          "status",
          t("mail.reminders.status"),
          STATUSES,
          (v) => t(`mail.reminders.statuses.${v as (typeof STATUSES)[number]}`),
          filter.status,
        )}
        {select(
          "kind",
          t("mail.reminders.kind"),
          KINDS,
          (v) => t(`mail.reminders.kinds.${v as (typeof KINDS)[number]}`),
          filter.kind,
        )}
        {select(
          "channel",
          t("mail.reminders.channel"),
          CHANNELS,
          (v) => t(`mail.reminders.channels.${v as (typeof CHANNELS)[number]}`),
          filter.channel,
        )}
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("mail.reminders.filter")}
        </button>
        <Link href="/bureau/mail" className="px-2 text-sm text-slate-500 hover:text-slate-800">
          {t("app.reset")}
        </Link>
      </form>
      <DataTable
        t={t}
        testId="reminder-table"
        pathname="/bureau/mail"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("mail.reminders.empty")}
        columns={[
          {
            header: t("mail.reminders.createdAt"),
            cell: (r) => <span className="num whitespace-nowrap">{formatChinaDateTime(r.createdAt)}</span>,
          },
          { header: t("mail.reminders.customer"), cell: (r) => r.customer },
          { header: t("mail.reminders.statement"), cell: (r) => <span className="num">{r.statementNumber}</span> },
          { header: t("mail.reminders.kind"), cell: (r) => t(`mail.reminders.kinds.${r.kind}`) },
          { header: t("mail.reminders.channel"), cell: (r) => t(`mail.reminders.channels.${r.channel}`) },
          { header: t("mail.reminders.recipient"), cell: (r) => <span className="num">{r.recipient}</span> },
          {
            header: t("mail.reminders.owed"),
            align: "right",
            cell: (r) => <span className="num">{formatFen(r.owedFen)}</span>,
          },
          {
            header: t("mail.reminders.status"),
            cell: (r) => <Badge tone={STATUS_TONES[r.status]}>{t(`mail.reminders.statuses.${r.status}`)}</Badge>,
          },
          {
            header: t("mail.reminders.attempts"),
            align: "right",
            cell: (r) => <span className="num">{r.attempts}</span>,
          },
          {
            header: t("mail.reminders.sentAt"),
            cell: (r) => (
              <span className="num whitespace-nowrap">
                {r.sentAt
                  ? formatChinaDateTime(r.sentAt)
                  : r.nextAttemptAt && r.status !== "SENT"
                    ? `${t("mail.reminders.nextAttemptAt")} ${formatChinaDateTime(r.nextAttemptAt)}`
                    : "—"}
              </span>
            ),
          },
          {
            header: t("mail.reminders.detail"),
            cell: (r) => (
              <span className="text-xs text-slate-600">
                {r.status === "SENT"
                  ? (r.messageId ?? (r.jobId ? t("mail.reminders.smsJob", { id: r.jobId }) : ""))
                  : (r.error ?? "")}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}
