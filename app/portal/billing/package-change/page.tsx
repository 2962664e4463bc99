// 变更套餐 (二 6): the customer admin files the change form (业务变更记录表) against the package
// catalogue, sees when it takes effect, withdraws it while pending and prints it; operators read only.
import { requireCustomer } from "@/app/_components/guards";
import { PackageTable } from "@/app/_components/package-table";
import { Card, EmptyState, Fields, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { ChangeFormsTable, PackageHistoryTable } from "../../contract/package-history";
import { BillingNav } from "../billing-nav";
import { PackageChangeForm, WithdrawPackageChangeButton } from "./change-form";

export default async function PackageChangePage() {
  const user = await requireCustomer();
  const { t, locale } = await currentTranslator();
  const caller = await api();
  const [{ outlook, history }, catalogue, forms] = await Promise.all([
    caller.usage.packages(),
    caller.packages.list(),
    caller.billing.packageChanges(),
  ]);
  const admin = user.role === "CUSTOMER_ADMIN";
  const name = (p: { nameZh: string; nameEn: string }) => (locale === "zh" ? p.nameZh : p.nameEn);
  const pending = outlook?.pending ?? null;
  return (
    <>
      <PageHeader title={t("billing.packageChange.title")} intro={t("billing.packageChange.intro")} />
      <BillingNav t={t} active="tabPackageChange" />
      {!outlook ? (
        <EmptyState>{t("billing.packageChange.noContract")}</EmptyState>
      ) : (
        <div className="space-y-6">
          <Card title={t("billing.packageChange.current")}>
            <Fields
              items={[
                {
                  label: t("billing.packageChange.current"),
                  value: `${name(outlook.current)} (${outlook.current.code})`,
                  testId: "package-current",
                },
                {
                  label: t("billing.packageChange.effectiveOn"),
                  value: t("billing.packageChange.effectiveHint", {
                    today: outlook.today,
                    effectiveOn: outlook.effectiveOnIfSubmittedToday,
                    cutoff: outlook.cutoffDay,
                  }),
                },
              ]}
            />
          </Card>
          {pending ? (
            <Card title={t("billing.packageChange.pendingTitle")}>
              <div className="space-y-3" data-testid="package-change-pending">
                <p className="text-sm text-slate-700">
                  {t("billing.packageChange.pendingLine", {
                    from: name(pending.from),
                    to: name(pending.to),
                    effectiveOn: pending.effectiveOn,
                    reason: pending.reason,
                  })}
                </p>
                <a
                  className="inline-block text-sm text-blue-700 underline"
                  href={`/api/billing/change-form/${pending.id}`}
                  data-testid="package-change-pdf"
                >
                  {t("billing.packageChange.print")}
                </a>
                {admin ? (
                  <WithdrawPackageChangeButton id={pending.id} />
                ) : (
                  <p className="text-sm text-slate-500">{t("billing.packageChange.operatorReadOnly")}</p>
                )}
              </div>
            </Card>
          ) : (
            <Card title={t("billing.packageChange.submit")}>
              {admin ? (
                <PackageChangeForm
                  options={catalogue
                    .filter((p) => p.code !== outlook.current.code && p.current)
                    .map((p) => ({ code: p.code, label: `${name(p)} (${p.code})` }))}
                  hint={t("billing.packageChange.effectiveHint", {
                    today: outlook.today,
                    effectiveOn: outlook.effectiveOnIfSubmittedToday,
                    cutoff: outlook.cutoffDay,
                  })}
                />
              ) : (
                <p className="text-sm text-slate-500" data-testid="package-change-readonly">
                  {t("billing.packageChange.operatorReadOnly")}
                </p>
              )}
            </Card>
          )}
          <section>
            <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.packageChange.catalogue")}</h2>
            <PackageTable t={t} locale={locale} packages={catalogue} showHistory={false} />
          </section>
          <section>
            <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.packageChange.historyTitle")}</h2>
            <PackageHistoryTable t={t} locale={locale} history={history} />
          </section>
          <section>
            <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("billing.packageChange.formsTitle")}</h2>
            <ChangeFormsTable t={t} locale={locale} forms={forms} at={(d) => formatChinaDateTime(d)} />
          </section>
        </div>
      )}
    </>
  );
}
