// One contract as both sides see it: status, terms, documents, deposit and history.
import { formatChinaDate, formatChinaDateTime, fromDbDate } from "@/server/clock";
import type { contractDetail } from "@/server/contracts/queries";
import { formatServiceEnd } from "@/server/contracts/validity";
import type { Locale, Translate } from "@/server/i18n";
import { formatFen, formatLiAsYuan } from "@/server/money";
import { ContractStatusBadge } from "./contract-status";
import { Alert, Card, Fields } from "./ui";

export type ContractDetail = Awaited<ReturnType<typeof contractDetail>>;

export function ContractStatusNote({ t, c }: { t: Translate; c: ContractDetail }) {
  if (c.status === "REJECTED")
    return (
      <Alert tone="error" testId="contract-note">
        {t("contracts.contract.rejected", { reason: c.rejectionReason ?? "" })}
      </Alert>
    );
  if (c.status === "PENDING_REVIEW")
    return (
      <Alert tone="info" testId="contract-note">
        {t("contracts.contract.pendingNote")}
      </Alert>
    );
  if (c.status === "APPROVED") {
    if (c.activationGaps.length === 0)
      return (
        <Alert tone="info" testId="contract-note">
          {t("contracts.contract.approvedNote")}
        </Alert>
      );
    return (
      <Alert tone="info" testId="contract-note">
        {t("contracts.contract.approvedWaiting")}
        <ul className="mt-1 list-disc pl-5" data-testid="activation-gaps">
          {c.activationGaps.map((g) => (
            <li key={g.kind} data-testid={`activation-gap-${g.kind}`}>
              {g.kind === "DEPOSIT"
                ? t("contracts.contract.activationGaps.DEPOSIT", {
                    received: formatFen(g.receivedFen),
                    missing: formatFen(g.requiredFen - g.receivedFen),
                    required: formatFen(g.requiredFen),
                  })
                : g.kind === "START_DATE"
                  ? t("contracts.contract.activationGaps.START_DATE", { date: g.startDate })
                  : t("contracts.contract.activationGaps.ENDED")}
            </li>
          ))}
        </ul>
      </Alert>
    );
  }
  if ((c.status === "TERMINATED" || c.status === "EXPIRED") && c.endedAt && c.endReason) {
    return (
      <Alert tone="info" testId="contract-note">
        {t("contracts.contract.ended", {
          at: formatServiceEnd(c.endedAt),
          reason: t(`contracts.contract.endReasons.${c.endReason}`),
        })}
      </Alert>
    );
  }
  return null;
}

/** A confirmed mutual termination not yet in effect: said instead of offering a new request. */
export function TerminationAgreedNote({ t, c }: { t: Translate; c: ContractDetail }) {
  if (!c.agreedEnd) return null;
  const a = c.agreedEnd;
  return (
    <p
      className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-800"
      data-testid="termination-agreed"
    >
      {t("contracts.contract.terminationAgreed", {
        date: formatChinaDate(a.effectiveDay),
        party: t(`contracts.contract.parties.${a.requestedBy}`),
        decidedAt: a.decidedAt ? formatChinaDateTime(a.decidedAt) : "—",
        reason: a.reason,
      })}
    </p>
  );
}

/** Objections to renewal lodged against the current end date. */
export function ObjectionsLodged({ t, c }: { t: Translate; c: ContractDetail }) {
  return c.objectionsAgainstRenewal.map((o) => (
    <p key={o.id} className="mb-3 text-sm text-amber-700" data-testid="objection-lodged">
      {t("contracts.contract.objectionLodged", {
        party: t(`contracts.contract.parties.${o.party}`),
        at: formatChinaDateTime(o.lodgedAt),
        reason: o.reason,
      })}
    </p>
  ));
}

export function ContractTermsCard({ t, locale, c }: { t: Translate; locale: Locale; c: ContractDetail }) {
  const { package: pkg, terms: p } = c.inForce;
  return (
    <Card title={t("contracts.contract.terms")}>
      <Fields
        items={[
          {
            label: t("contracts.contract.number"),
            value: <span className="num">{c.number}</span>,
            testId: "contract-number",
          },
          {
            label: t("contracts.contract.status"),
            value: (
              <span className="inline-flex flex-wrap items-center gap-2">
                <span data-testid="contract-status">
                  <ContractStatusBadge t={t} status={c.status} />
                </span>
                {c.agreedEnd ? (
                  <span className="whitespace-nowrap text-sm text-amber-700" data-testid="contract-terminating">
                    {t("contracts.contract.terminating")}
                  </span>
                ) : null}
              </span>
            ),
          },
          { label: t("contracts.contract.enterprise"), value: c.enterprise.name },
          {
            label: t("contracts.contract.package"),
            value: `${locale === "zh" ? pkg.nameZh : pkg.nameEn} · ¥${formatFen(p.baseFeeFen)} · ${p.includedMessages.toLocaleString()} · ¥${formatLiAsYuan(p.overagePriceLi)}`,
            testId: "contract-package",
          },
          { label: t("contracts.contract.dailyCap"), value: p.dailyCap.toLocaleString() },
          {
            label: t("contracts.contract.validity"),
            value: c.agreedEnd
              ? t("contracts.contract.agreedEndValidity", {
                  start: formatChinaDate(c.startDay),
                  end: formatChinaDate(c.agreedEnd.effectiveDay),
                  original: formatChinaDate(c.endDay),
                })
              : c.objectionsAgainstRenewal.length > 0
                ? t("contracts.contract.notRenewedValidity", {
                    start: formatChinaDate(c.startDay),
                    end: formatChinaDate(c.endDay),
                  })
                : `${formatChinaDate(c.startDay)} — ${formatChinaDate(c.endDay)} 24:00`,
            testId: "contract-validity",
          },
          { label: t("contracts.contract.source"), value: t(`contracts.contract.sources.${c.source}`) },
          {
            label: t("contracts.contract.signedOn"),
            value: c.signedDay ? `${formatChinaDate(c.signedDay)} · ${c.signingPlace}` : "—",
          },
          {
            label: t("contracts.contract.paymentWindow"),
            value: t("contracts.contract.paymentWindowValue", {
              start: c.paymentWindowStartDay,
              end: c.paymentWindowEndDay,
            }),
          },
          { label: t("contracts.contract.grace"), value: t("contracts.contract.days", { n: c.graceDays }) },
          {
            label: t("contracts.contract.lateFee"),
            value: t("contracts.contract.lateFeeValue", { rate: c.lateFeeRatePpm / 10_000 }),
          },
          {
            label: t("contracts.contract.suspension"),
            value: t("contracts.contract.suspensionValue", { n: c.suspensionAfterDays }),
          },
          { label: t("contracts.contract.deposit"), value: `¥${formatFen(c.depositFen)}`, testId: "contract-deposit" },
          {
            label: t("contracts.contract.cutoff"),
            value: t("contracts.contract.cutoffValue", { n: c.changeCutoffDay }),
          },
          {
            label: t("contracts.contract.renewal"),
            value: t("contracts.contract.renewalValue", { n: c.renewalYears }),
          },
          {
            label: t("contracts.contract.objection"),
            value: t("contracts.contract.days", { n: c.objectionNoticeDays }),
          },
          { label: t("contracts.contract.arbitration"), value: c.arbitrationCommission },
          { label: t("contracts.contract.freeCap"), value: c.freePackageDailyCap.toLocaleString() },
        ]}
      />
    </Card>
  );
}

export function ContractDocumentsCard({ t, c }: { t: Translate; c: ContractDetail }) {
  return (
    <Card title={t("contracts.contract.documents")}>
      <ul className="divide-y divide-slate-100 text-sm" data-testid="contract-documents">
        {c.documents.map((d) => (
          <li key={d.id} className="flex items-center justify-between gap-3 py-2">
            <span>
              <span className="font-medium">{t("contracts.contract.version", { n: d.version })}</span>
              <span className="ml-2 text-slate-500">
                {d.reason} · {formatChinaDateTime(d.createdAt)}
              </span>
            </span>
            <a
              className="rounded border border-slate-300 px-2.5 py-1 text-brand-700 hover:bg-slate-50"
              href={`/api/contracts/${c.id}/documents/${d.version}`}
              data-testid={`download-v${d.version}`}
            >
              {t("contracts.contract.download")}
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function ContractHistoryCard({ t, c }: { t: Translate; c: ContractDetail }) {
  return (
    <Card title={t("contracts.contract.history")}>
      <ol className="space-y-1.5 text-sm" data-testid="contract-history">
        {c.history.map((h) => (
          <li key={h.id} className="flex gap-3">
            <span className="num shrink-0 text-slate-500">{formatChinaDateTime(h.at)}</span>
            <code className="text-xs text-slate-700">{h.action}</code>
            <span className="text-slate-500">{h.actor ?? "system"}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function DepositCard({ t, c }: { t: Translate; c: ContractDetail }) {
  return (
    <Card title={t("contracts.review.depositLedger")}>
      <p className="num mb-2 text-sm text-slate-600" data-testid="deposit-held">
        {t("contracts.review.held")}: ¥{formatFen(c.deposit.heldFen)} / ¥{formatFen(c.depositFen)}
      </p>
      <ul className="divide-y divide-slate-100 text-sm">
        {c.depositEntries.map((e) => (
          <li key={e.id} className="num flex justify-between py-1.5">
            <span>
              {formatChinaDate(fromDbDate(e.occurredOn))} · {t(`contracts.review.entryKinds.${e.kind}`)}
              {e.method ? ` · ${t(`contracts.review.methods.${e.method}`)}` : ""}
              {e.reference ? ` · ${e.reference}` : ""}
              {e.reason ? ` · ${e.reason}` : ""}
            </span>
            <span>¥{formatFen(e.amountFen)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
