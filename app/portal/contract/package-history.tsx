// The contract's package history (which package from which date, from the applied change forms) and
// its change forms with their status and printable PDF.
import { Badge, type BadgeTone, EmptyState } from "@/app/_components/ui";
import type { PackageTerm } from "@/server/billing/package-changes";
import type { Locale, Translate } from "@/server/i18n";
import { formatFen, formatLiAsYuan } from "@/server/money";

const th = "px-4 py-2.5 font-medium text-slate-600";
const STATUS_TONES: Record<string, BadgeTone> = { PENDING: "amber", APPLIED: "green", WITHDRAWN: "slate" };

export function PackageHistoryTable({ t, locale, history }: { t: Translate; locale: Locale; history: PackageTerm[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="package-history">
        <thead className="bg-slate-50">
          <tr>
            <th className={`${th} text-left`}>{t("billing.packageChange.historyFrom")}</th>
            <th className={`${th} text-left`}>{t("billing.packageChange.historyTo")}</th>
            <th className={`${th} text-left`}>{t("billing.packageChange.package")}</th>
            <th className={`${th} text-right`}>{t("billing.packageChange.baseFee")}</th>
            <th className={`${th} text-right`}>{t("billing.packageChange.included")}</th>
            <th className={`${th} text-right`}>{t("billing.packageChange.overagePrice")}</th>
            <th className={`${th} text-right`}>{t("billing.packageChange.dailyCap")}</th>
            <th className={`${th} text-left`}>{t("billing.packageChange.source")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {history.map((h, i) => (
            <tr key={h.from} data-testid={`package-history-${h.from}`}>
              <td className="num px-4 py-2.5">{h.from}</td>
              <td className="num px-4 py-2.5">
                {h.to ?? <Badge tone="green">{t("billing.packageChange.inForce")}</Badge>}
              </td>
              <td className="px-4 py-2.5">
                {locale === "zh" ? h.package.nameZh : h.package.nameEn}{" "}
                <span className="text-xs text-slate-500">
                  {h.package.code} v{h.price.version}
                </span>
              </td>
              <td className="num px-4 py-2.5 text-right">{formatFen(h.terms.baseFeeFen)}</td>
              <td className="num px-4 py-2.5 text-right">{h.terms.includedMessages.toLocaleString("zh-CN")}</td>
              <td className="num px-4 py-2.5 text-right">{formatLiAsYuan(h.terms.overagePriceLi)}</td>
              <td className="num px-4 py-2.5 text-right">{h.terms.dailyCap.toLocaleString("zh-CN")}</td>
              <td className="px-4 py-2.5">
                {h.changeId ? (
                  <a className="text-blue-700 underline" href={`/api/billing/change-form/${h.changeId}`}>
                    {t("billing.packageChange.changeForm")}
                  </a>
                ) : i > 0 ? (
                  t("billing.packageChange.priceVersion", { version: h.price.version })
                ) : (
                  t("billing.packageChange.signed")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ChangeFormRow {
  id: string;
  status: string;
  from: { code: string; nameZh: string; nameEn: string };
  to: { code: string; nameZh: string; nameEn: string };
  reason: string;
  effectiveOn: string;
  submittedAt: Date;
}

export function ChangeFormsTable({
  t,
  locale,
  forms,
  at,
}: {
  t: Translate;
  locale: Locale;
  forms: ChangeFormRow[];
  at: (d: Date) => string;
}) {
  if (forms.length === 0) return <EmptyState>{t("billing.packageChange.noForms")}</EmptyState>;
  const name = (p: ChangeFormRow["from"]) => (locale === "zh" ? p.nameZh : p.nameEn);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="package-change-forms">
        <thead className="bg-slate-50">
          <tr>
            <th className={`${th} text-left`}>{t("billing.packageChange.submittedAt")}</th>
            <th className={`${th} text-left`}>{t("billing.packageChange.change")}</th>
            <th className={`${th} text-left`}>{t("billing.packageChange.reason")}</th>
            <th className={`${th} text-left`}>{t("billing.packageChange.effectiveOn")}</th>
            <th className={`${th} text-left`}>{t("billing.packageChange.status")}</th>
            <th className={`${th} text-left`}>PDF</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {forms.map((f) => (
            <tr key={f.id} data-testid={`package-change-${f.id}`}>
              <td className="num px-4 py-2.5">{at(f.submittedAt)}</td>
              <td className="px-4 py-2.5">
                {name(f.from)} → {name(f.to)}
              </td>
              <td className="px-4 py-2.5">{f.reason}</td>
              <td className="num px-4 py-2.5">{f.effectiveOn}</td>
              <td className="px-4 py-2.5">
                <Badge tone={STATUS_TONES[f.status] ?? "slate"}>
                  {t(`billing.packageChangeStatus.${f.status as "PENDING"}`)}
                </Badge>
              </td>
              <td className="px-4 py-2.5">
                <a className="text-blue-700 underline" href={`/api/billing/change-form/${f.id}`}>
                  {t("billing.portal.pdf")}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
