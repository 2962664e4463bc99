// The customer's billing: metering (today and this period), what is owed today (late fees live),
// statements and invoices as PDFs, payments.
import { ListTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { Badge, PageHeader, StatCard } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";
import { formatRateBp } from "@/server/billing/tax";
import { formatFen } from "@/server/money";
import { BillingNav } from "./billing-nav";
import { MeteringSection } from "./metering";

export default async function BillingPage() {
  await requireCustomer();
  const { t } = await currentTranslator();
  const caller = await api();
  const [overview, statements, invoices, creditNotes, payments, metering] = await Promise.all([
    caller.billing.overview(),
    caller.billing.statements(),
    caller.billing.invoices(),
    caller.billing.creditNotes(),
    caller.billing.payments(),
    caller.usage.metering(),
  ]);
  const pdf = (href: string, testId: string) => (
    <a className="text-blue-700 underline" href={href} data-testid={testId}>
      {t("billing.portal.pdf")}
    </a>
  );
  return (
    <>
      <PageHeader title={t("billing.portal.title")} intro={t("billing.portal.intro")} />
      <BillingNav t={t} active="tabOverview" />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-3" data-testid="billing-overview">
          <StatCard
            label={t("billing.portal.owed")}
            value={formatFen(overview?.owedFen ?? 0)}
            tone={(overview?.owedFen ?? 0) > 0 ? "warn" : "default"}
          />
          <StatCard label={t("billing.portal.lateFee")} value={formatFen(overview?.lateFeeToDateFen ?? 0)} />
          <StatCard label={t("billing.portal.credit")} value={formatFen(overview?.creditFen ?? 0)} />
        </div>
        <MeteringSection t={t} m={metering} />
        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.portal.statements")}</h2>
          <ListTable
            t={t}
            testId="statement-table"
            rows={statements}
            rowKey={(s) => s.id}
            empty={t("billing.portal.noStatements")}
            columns={[
              { header: t("billing.portal.number"), cell: (s) => <span className="num">{s.number}</span> },
              { header: t("billing.portal.period"), cell: (s) => s.period },
              { header: t("billing.portal.total"), cell: (s) => <span className="num">{formatFen(s.totalFen)}</span> },
              {
                header: t("billing.portal.taxIncluded"),
                cell: (s) => (
                  <span className="num" title={formatRateBp(s.taxRateBp)}>
                    {formatFen(s.taxFen)}
                  </span>
                ),
              },
              { header: t("billing.portal.dueDate"), cell: (s) => <span className="num">{s.dueDate}</span> },
              {
                header: t("billing.portal.owedColumn"),
                cell: (s) => <span className="num">{formatFen(s.owedFen)}</span>,
              },
              {
                header: t("billing.portal.status"),
                cell: (s) =>
                  s.settledAt ? (
                    <Badge tone="green">{t("billing.portal.settled")}</Badge>
                  ) : s.daysOverdue > 0 ? (
                    <Badge tone="red">{t("billing.portal.overdue", { days: s.daysOverdue })}</Badge>
                  ) : (
                    <Badge tone="amber">{t("billing.portal.open")}</Badge>
                  ),
              },
              { header: "PDF", cell: (s) => pdf(`/api/billing/statement/${s.id}`, `statement-pdf-${s.number}`) },
            ]}
          />
        </section>
        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.portal.invoices")}</h2>
          <ListTable
            t={t}
            testId="invoice-table"
            rows={invoices}
            rowKey={(i) => i.id}
            empty={t("billing.portal.noInvoices")}
            columns={[
              { header: t("billing.portal.number"), cell: (i) => <span className="num">{i.number}</span> },
              { header: t("billing.portal.period"), cell: (i) => `${i.period} · ${i.statementNumber}` },
              {
                header: t("billing.portal.amount"),
                cell: (i) => <span className="num">{formatFen(i.amountFen)}</span>,
              },
              { header: t("billing.portal.issuedOn"), cell: (i) => <span className="num">{i.issuedOn}</span> },
              { header: "PDF", cell: (i) => pdf(`/api/billing/invoice/${i.id}`, `invoice-pdf-${i.number}`) },
            ]}
          />
        </section>
        {creditNotes.length > 0 ? (
          <section>
            <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.portal.creditNotes")}</h2>
            <ListTable
              t={t}
              testId="credit-note-table"
              rows={creditNotes}
              rowKey={(c) => c.id}
              empty=""
              columns={[
                { header: t("billing.portal.number"), cell: (c) => <span className="num">{c.number}</span> },
                { header: t("billing.portal.period"), cell: (c) => `${c.period} · ${c.statementNumber}` },
                {
                  header: t("billing.portal.amount"),
                  cell: (c) => <span className="num">{formatFen(c.amountFen)}</span>,
                },
                { header: t("billing.portal.reason"), cell: (c) => c.reason },
                { header: t("billing.portal.issuedOn"), cell: (c) => <span className="num">{c.issuedOn}</span> },
                { header: "PDF", cell: (c) => pdf(`/api/billing/credit-note/${c.id}`, `credit-note-pdf-${c.number}`) },
              ]}
            />
          </section>
        ) : null}
        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.portal.payments")}</h2>
          <ListTable
            t={t}
            testId="payment-table"
            rows={payments}
            rowKey={(p) => p.id}
            empty={t("billing.portal.noPayments")}
            columns={[
              { header: t("billing.portal.receivedOn"), cell: (p) => <span className="num">{p.receivedOn}</span> },
              {
                header: t("billing.portal.amount"),
                cell: (p) => <span className="num">{formatFen(p.amountFen)}</span>,
              },
              { header: t("billing.portal.method"), cell: (p) => t(`billing.paymentMethod.${p.method}`) },
              { header: t("billing.portal.reference"), cell: (p) => p.reference },
            ]}
          />
        </section>
      </div>
    </>
  );
}
