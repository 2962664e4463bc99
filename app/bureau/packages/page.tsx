import { requireStaff } from "@/app/_components/guards";
import { PackageTable } from "@/app/_components/package-table";
import { Badge, Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDate, toChinaDate } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { formatFen, formatLiAsYuan } from "@/server/money";
import { firstPublishableDate } from "@/server/packages/catalogue";
import { CreatePackageForm, ForSaleButton, PublishPriceForm, WithdrawPriceButton } from "./catalogue-forms";

export default async function BureauPackagesPage() {
  const user = await requireStaff();
  const { t, locale } = await currentTranslator();
  const packages = await (await api()).packages.list({ includeInactive: true });
  const now = new Date();
  const today = formatChinaDate(toChinaDate(now));
  const isAdmin = user.role === "BUREAU_ADMIN";
  return (
    <>
      <PageHeader title={t("packages.title")} intro={t("packages.intro")} />
      <PackageTable t={t} locale={locale} packages={packages} showHistory={false} />
      <div className="mt-6 space-y-6">
        {packages.map((p) => (
          <Card key={p.id} title={`${locale === "zh" ? p.nameZh : p.nameEn} · ${p.code}`}>
            <div className="mb-3 flex items-center gap-3 text-sm">
              {p.active ? <Badge tone="green">{t("packages.forSale")}</Badge> : <Badge>{t("packages.inactive")}</Badge>}
              {isAdmin ? <ForSaleButton packageId={p.id} forSale={p.active} /> : null}
            </div>
            <div className="overflow-x-auto">
              <table
                className="min-w-full divide-y divide-slate-200 text-sm"
                data-testid={`package-versions-${p.code}`}
              >
                <caption className="mb-1 text-left text-xs text-slate-500">{t("packages.versions")}</caption>
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    <th className="px-3 py-2 text-left font-medium">{t("packages.version")}</th>
                    <th className="px-3 py-2 text-left font-medium">{t("packages.effectiveFrom")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("packages.baseFee")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("packages.included")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("packages.overage")}</th>
                    <th className="px-3 py-2 text-right font-medium">{t("packages.dailyCap")}</th>
                    <th className="px-3 py-2" />
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {p.history.map((h) => {
                    const from = formatChinaDate(h.effectiveFrom);
                    const upcoming = from > today;
                    return (
                      <tr key={h.version}>
                        <td className="num px-3 py-2">
                          v{h.version}
                          {p.current?.version === h.version ? " ✓" : ""}
                        </td>
                        <td className="num px-3 py-2">
                          {from} {upcoming ? <Badge tone="blue">{t("packages.upcoming")}</Badge> : null}
                        </td>
                        <td className="num px-3 py-2 text-right">{formatFen(h.baseFeeFen)}</td>
                        <td className="num px-3 py-2 text-right">{h.includedMessages.toLocaleString()}</td>
                        <td className="num px-3 py-2 text-right">{formatLiAsYuan(h.overagePriceLi)}</td>
                        <td className="num px-3 py-2 text-right">{h.dailyCap.toLocaleString()}</td>
                        <td className="px-3 py-2 text-right">
                          {isAdmin && upcoming && h.version === p.history[0]?.version ? (
                            <WithdrawPriceButton packageId={p.id} version={h.version} />
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {isAdmin ? (
              <details className="mt-4">
                <summary className="cursor-pointer text-sm font-medium text-slate-700">{t("packages.publish")}</summary>
                <div className="mt-3">
                  <PublishPriceForm packageId={p.id} nextFirst={firstPublishableDate(now)} />
                </div>
              </details>
            ) : null}
          </Card>
        ))}
        {isAdmin ? <CreatePackageForm /> : null}
      </div>
    </>
  );
}
