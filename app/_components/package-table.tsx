// The package catalogue as a table, shared by the portal and the back office.
import { formatChinaDate } from "@/server/clock";
import type { Locale, Translate } from "@/server/i18n";
import { formatFen, formatLiAsYuan } from "@/server/money";
import type { listPackages } from "@/server/packages/prices";
import { Badge, EmptyState } from "./ui";

type Pkg = Awaited<ReturnType<typeof listPackages>>[number];

export function PackageTable({
  t,
  locale,
  packages,
  showHistory,
}: {
  t: Translate;
  locale: Locale;
  packages: Pkg[];
  showHistory: boolean;
}) {
  if (packages.length === 0) return <EmptyState>{t("packages.empty")}</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="package-table">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th className="px-4 py-2.5 text-left font-medium">{t("packages.name")}</th>
            <th className="px-4 py-2.5 text-right font-medium">{t("packages.baseFee")}</th>
            <th className="px-4 py-2.5 text-right font-medium">{t("packages.included")}</th>
            <th className="px-4 py-2.5 text-right font-medium">{t("packages.overage")}</th>
            <th className="px-4 py-2.5 text-right font-medium">{t("packages.dailyCap")}</th>
            <th className="px-4 py-2.5 text-left font-medium">{t("packages.effectiveFrom")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {packages.map((p) => (
            <tr key={p.id} className="align-top">
              <td className="px-4 py-3">
                <div className="font-medium text-slate-900">{locale === "zh" ? p.nameZh : p.nameEn}</div>
                <div className="mt-0.5 flex gap-1.5 text-xs text-slate-500">
                  <span>{p.code}</span>
                  {p.isFree ? <Badge tone="blue">{t("packages.free")}</Badge> : null}
                  {!p.active ? <Badge>{t("packages.inactive")}</Badge> : null}
                </div>
                {p.isFree ? <div className="mt-1 text-xs text-slate-500">{t("packages.freeNote")}</div> : null}
                {showHistory && p.history.length > 1 ? (
                  <details className="mt-2 text-xs text-slate-500">
                    <summary className="cursor-pointer">{t("packages.history")}</summary>
                    <ul className="mt-1 space-y-0.5">
                      {p.history.map((h) => (
                        <li key={h.version} className="num">
                          v{h.version} · {formatChinaDate(h.effectiveFrom)} · ¥{formatFen(h.baseFeeFen)} ·{" "}
                          {h.includedMessages.toLocaleString()} · ¥{formatLiAsYuan(h.overagePriceLi)}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </td>
              <td className="num px-4 py-3 text-right">{p.current ? formatFen(p.current.baseFeeFen) : "—"}</td>
              <td className="num px-4 py-3 text-right">
                {p.current ? p.current.includedMessages.toLocaleString() : "—"}
              </td>
              <td className="num px-4 py-3 text-right">{p.current ? formatLiAsYuan(p.current.overagePriceLi) : "—"}</td>
              <td className="num px-4 py-3 text-right">{p.current ? p.current.dailyCap.toLocaleString() : "—"}</td>
              <td className="num px-4 py-3">
                {p.current ? `${formatChinaDate(p.current.effectiveFrom)} (v${p.current.version})` : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
