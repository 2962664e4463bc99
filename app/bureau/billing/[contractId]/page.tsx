// One contract's account for FINANCE: owed, credit and deposit; statements (filtered, sorted, paged),
// payments, invoices, credit notes, adjustments and the deposit ledger; the forms that move money.
import Link from "next/link";
import { ContractStatusBadge } from "@/app/_components/contract-status";
import { DataTable, ListTable } from "@/app/_components/data-table";
import { orNotFound, requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams, withParams } from "@/app/_components/list-params";
import { FilterLinks } from "@/app/_components/tabs";
import { Badge, Card, PageHeader, StatCard } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { CONTRACT_STATEMENT_SORTS } from "@/server/billing/queries";
import { formatChinaDate, toChinaDate } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { formatFen } from "@/server/money";
import { DepositDecisionForm, DepositForm, ReverseDepositEntryForm } from "../../contracts/[id]/actions";
import { AdjustmentForm, CreditNoteForm, RecordPaymentForm } from "./forms";
import { BEFORE_END } from "@/server/contracts/state";

const STATUS_FILTERS = ["ALL", "OPEN", "SETTLED"] as const;
const FILTER_LABELS = {
  ALL: "billingFinance.account.filterAll",
  OPEN: "billingFinance.account.filterOpen",
  SETTLED: "billingFinance.account.filterSettled",
} as const;

export default async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ contractId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  await requireStaff("FINANCE");
  const { contractId } = await params;
  const query = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(query, { sorts: CONTRACT_STATEMENT_SORTS, defaultSort: "period", pageSize: 12 });
  const statusParam = param(query, "status");
  const status = STATUS_FILTERS.find((s) => s === statusParam) ?? "ALL";
  const caller = await api();
  const account = await orNotFound(caller.billing.bureau.account({ contractId }));
  const [statements, allStatements, payments] = await Promise.all([
    caller.billing.bureau.statementList({ contractId, status, ...list }),
    caller.billing.bureau.statements({ contractId }),
    caller.billing.bureau.payments({ contractId }),
  ]);
  const c = account.contract;
  const pathname = `/bureau/billing/${contractId}`;
  const today = formatChinaDate(toChinaDate(new Date()));
  const beforeEnd = BEFORE_END.includes(c.status);
  const ended = c.status === "TERMINATED" || c.status === "EXPIRED";
  const pdf = (href: string, testId: string) => (
    <a className="text-brand-700 underline" href={href} data-testid={testId}>
      {t("billingFinance.account.pdf")}
    </a>
  );
  const heading = (text: string) => <h2 className="mb-3 text-sm font-semibold text-slate-700">{text}</h2>;
  return (
    <>
      <PageHeader
        title={t("billingFinance.account.title", { enterprise: c.enterpriseName })}
        intro={t("billingFinance.account.intro", { contract: c.number })}
        actions={
          <>
            <Link href={`/bureau/contracts/${c.id}`} className="text-sm text-brand-700 hover:underline">
              {t("billingFinance.account.contractPage")}
            </Link>
            <Link href="/bureau/billing" className="text-sm text-slate-500 hover:text-slate-800">
              ← {t("app.back")}
            </Link>
          </>
        }
      />
      <div className="space-y-6">
        <div className="flex items-center gap-2 text-sm text-slate-600">
          <span className="num">{c.number}</span>
          <ContractStatusBadge t={t} status={c.status} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="account-summary">
          <StatCard
            label={t("billingFinance.account.owed")}
            value={<span data-testid="account-owed">{formatFen(account.owedFen)}</span>}
            tone={account.owedFen > 0 ? "warn" : "default"}
          />
          <StatCard label={t("billingFinance.account.lateFee")} value={formatFen(account.lateFeeToDateFen)} />
          <StatCard
            label={t("billingFinance.account.credit")}
            value={<span data-testid="account-credit">{formatFen(account.creditFen)}</span>}
          />
          <StatCard label={t("billingFinance.account.depositHeld")} value={formatFen(account.deposit.heldFen)} />
        </div>

        <div className="grid gap-6 xl:grid-cols-3">
          <Card title={t("billingFinance.forms.recordPayment")}>
            <RecordPaymentForm contractId={c.id} owedFen={account.owedFen} today={today} />
          </Card>
          {allStatements.length > 0 ? (
            <Card title={t("billingFinance.forms.creditNote")}>
              <CreditNoteForm
                statements={allStatements.map((s) => ({
                  id: s.id,
                  number: s.number,
                  period: s.period,
                  totalFen: s.totalFen,
                }))}
              />
            </Card>
          ) : null}
          {!ended ? (
            <Card title={t("billingFinance.forms.adjustment")}>
              <AdjustmentForm contractId={c.id} />
            </Card>
          ) : null}
        </div>

        <section>
          {heading(t("billingFinance.account.statements"))}
          <FilterLinks
            className="mb-3"
            label={t("billingFinance.columns.status")}
            items={STATUS_FILTERS.map((s) => ({
              href: withParams(pathname, query, { status: s === "ALL" ? undefined : s, page: undefined }),
              label: t(FILTER_LABELS[s]),
              active: s === status,
            }))}
          />
          <DataTable
            t={t}
            testId="account-statement-table"
            pathname={pathname}
            params={query}
            rows={statements.rows}
            rowKey={(s) => s.id}
            total={statements.total}
            page={list.page}
            pageSize={list.pageSize}
            sort={list.sort}
            dir={list.dir}
            empty={t("billingFinance.account.noStatements")}
            columns={[
              { header: t("billingFinance.columns.statement"), cell: (s) => <span className="num">{s.number}</span> },
              { header: t("billingFinance.columns.period"), sort: "period", cell: (s) => s.period },
              { header: t("billingFinance.columns.total"), align: "right", cell: (s) => formatFen(s.totalFen) },
              { header: t("billingFinance.columns.paid"), align: "right", cell: (s) => formatFen(s.paidFen) },
              {
                header: t("billingFinance.columns.lateFee"),
                align: "right",
                cell: (s) => formatFen(s.lateFeeToDateFen),
              },
              {
                header: t("billingFinance.columns.owed"),
                sort: "owed",
                align: "right",
                cell: (s) => <span className="font-medium">{formatFen(s.owedFen)}</span>,
              },
              { header: t("billingFinance.columns.dueDate"), cell: (s) => <span className="num">{s.dueDate}</span> },
              {
                header: t("billingFinance.columns.status"),
                sort: "daysOverdue",
                cell: (s) =>
                  s.settledAt ? (
                    <Badge tone="green">{t("billingFinance.account.settled")}</Badge>
                  ) : s.daysOverdue > 0 ? (
                    <Badge tone="red">{t("billingFinance.account.overdue", { days: s.daysOverdue })}</Badge>
                  ) : (
                    <Badge tone="amber">{t("billingFinance.account.open")}</Badge>
                  ),
              },
              {
                header: t("billingFinance.columns.invoice"),
                cell: (s) => (s.invoice ? <span className="num">{s.invoice.number}</span> : "—"),
              },
              { header: "PDF", cell: (s) => pdf(`/api/billing/statement/${s.id}`, `statement-pdf-${s.number}`) },
            ]}
          />
        </section>

        <section>
          {heading(t("billingFinance.account.payments"))}
          <ListTable
            t={t}
            testId="account-payment-table"
            rows={payments}
            rowKey={(p) => p.id}
            empty={t("billingFinance.account.noPayments")}
            columns={[
              {
                header: t("billingFinance.columns.receivedOn"),
                cell: (p) => <span className="num">{p.receivedOn}</span>,
              },
              { header: t("billingFinance.columns.amount"), align: "right", cell: (p) => formatFen(p.amountFen) },
              { header: t("billingFinance.columns.applied"), align: "right", cell: (p) => formatFen(p.appliedFen) },
              { header: t("billingFinance.columns.method"), cell: (p) => t(`billing.paymentMethod.${p.method}`) },
              { header: t("billingFinance.columns.reference"), cell: (p) => p.reference },
            ]}
          />
        </section>

        <section>
          {heading(t("billingFinance.account.invoices"))}
          <ListTable
            t={t}
            testId="account-invoice-table"
            rows={account.invoices}
            rowKey={(i) => i.id}
            empty={t("billingFinance.account.noInvoices")}
            columns={[
              { header: t("billingFinance.columns.invoice"), cell: (i) => <span className="num">{i.number}</span> },
              {
                header: t("billingFinance.columns.statement"),
                cell: (i) => (
                  <span className="num">
                    {i.period} · {i.statementNumber}
                  </span>
                ),
              },
              { header: t("billingFinance.columns.amount"), align: "right", cell: (i) => formatFen(i.amountFen) },
              { header: t("billingFinance.columns.issuedOn"), cell: (i) => <span className="num">{i.issuedOn}</span> },
              { header: "PDF", cell: (i) => pdf(`/api/billing/invoice/${i.id}`, `invoice-pdf-${i.number}`) },
            ]}
          />
        </section>

        <div className="grid gap-6 xl:grid-cols-2">
          <section>
            {heading(t("billingFinance.account.creditNotes"))}
            <ListTable
              t={t}
              testId="account-credit-note-table"
              rows={account.creditNotes}
              rowKey={(n) => n.id}
              empty={t("billingFinance.account.noCreditNotes")}
              columns={[
                {
                  header: t("billingFinance.columns.issuedOn"),
                  cell: (n) => <span className="num">{n.issuedOn}</span>,
                },
                {
                  header: t("billingFinance.columns.statement"),
                  cell: (n) => (
                    <span className="num">
                      {n.number} → {n.statementNumber}
                    </span>
                  ),
                },
                { header: t("billingFinance.columns.amount"), align: "right", cell: (n) => formatFen(n.amountFen) },
                { header: t("billingFinance.columns.reason"), cell: (n) => n.reason },
                { header: "PDF", cell: (n) => pdf(`/api/billing/credit-note/${n.id}`, `credit-note-pdf-${n.number}`) },
              ]}
            />
          </section>
          <section>
            {heading(t("billingFinance.account.adjustments"))}
            <ListTable
              t={t}
              testId="account-adjustment-table"
              rows={account.adjustments}
              rowKey={(a) => a.id}
              empty={t("billingFinance.account.noAdjustments")}
              columns={[
                {
                  header: t("billingFinance.columns.issuedOn"),
                  cell: (a) => <span className="num">{a.createdOn}</span>,
                },
                { header: t("billingFinance.columns.amount"), align: "right", cell: (a) => formatFen(a.amountFen) },
                { header: t("billingFinance.columns.reason"), cell: (a) => a.reason },
                {
                  header: t("billingFinance.columns.billedOn"),
                  cell: (a) =>
                    a.statementNumber ? (
                      <span className="num">{a.statementNumber}</span>
                    ) : (
                      t("billingFinance.columns.notYetBilled")
                    ),
                },
              ]}
            />
          </section>
        </div>

        <Card title={t("billingFinance.account.deposit")}>
          <div className="mb-4 grid gap-4 sm:grid-cols-5" data-testid="deposit-ledger-totals">
            {(
              [
                ["depositReceived", account.deposit.receivedFen],
                ["depositRefunded", account.deposit.refundedFen],
                ["depositKept", account.deposit.keptFen],
                ["depositOffset", account.deposit.offsetFen],
                ["depositBalance", account.deposit.heldFen],
              ] as const
            ).map(([key, fen]) => (
              <div key={key}>
                <div className="text-xs text-slate-500">
                  {t(`billingFinance.account.${key}`)}（{t("billingFinance.yuan")}）
                </div>
                <div className="num text-lg font-semibold text-slate-900">{formatFen(fen)}</div>
              </div>
            ))}
          </div>
          <ListTable
            t={t}
            testId="deposit-ledger-table"
            rows={account.deposit.entries}
            rowKey={(e) => e.id}
            empty={t("billingFinance.account.noDeposit")}
            columns={[
              {
                header: t("billingFinance.columns.issuedOn"),
                cell: (e) => <span className="num">{e.occurredOn}</span>,
              },
              { header: t("billingFinance.columns.kind"), cell: (e) => t(`contracts.review.entryKinds.${e.kind}`) },
              { header: t("billingFinance.columns.amount"), align: "right", cell: (e) => formatFen(e.amountFen) },
              {
                header: t("billingFinance.columns.method"),
                cell: (e) => (e.method ? t(`billing.paymentMethod.${e.method}`) : "—"),
              },
              { header: t("billingFinance.columns.reference"), cell: (e) => e.reference ?? "—" },
              { header: t("billingFinance.columns.reason"), cell: (e) => e.reason ?? "—" },
              { header: "", cell: (e) => (e.reversible ? <ReverseDepositEntryForm entryId={e.id} /> : null) },
            ]}
          />
          {beforeEnd || (ended && account.deposit.heldFen > 0) ? (
            <div className="mt-6 border-t border-slate-100 pt-4">
              <h3 className="mb-3 text-sm font-semibold text-slate-700">{t("billingFinance.forms.depositActions")}</h3>
              {beforeEnd ? (
                <DepositForm
                  contractId={c.id}
                  amountFen={Math.max(0, c.depositFen - account.deposit.receivedFen)}
                  today={today}
                />
              ) : (
                <DepositDecisionForm
                  contractId={c.id}
                  settlement={await caller.contracts.depositSettlement({ contractId: c.id })}
                  today={today}
                />
              )}
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}
