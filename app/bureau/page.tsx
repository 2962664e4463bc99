import { requireStaff } from "@/app/_components/guards";
import { PageHeader, StatCard } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentUser } from "@/server/auth/current";
import { currentTranslator } from "@/server/i18n/current";

export default async function BureauHome() {
  await requireStaff();
  const { t } = await currentTranslator();
  const [stats, user] = await Promise.all([(await api()).dashboard.bureau(), currentUser()]);
  const admin = user?.role === "BUREAU_ADMIN";
  return (
    <>
      <PageHeader title={t("bureau.dashboardTitle")} intro={t("app.signedInAs", { name: user?.name ?? "" })} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard label={t("bureau.stats.customers")} value={stats.customers} href="/bureau/customers" />
        <StatCard label={t("bureau.stats.activeContracts")} value={stats.activeContracts} href="/bureau/customers" />
        <StatCard
          label={t("bureau.stats.lockedAccounts")}
          value={stats.lockedAccounts}
          href={admin ? "/bureau/users?locked=1" : undefined}
          tone={stats.lockedAccounts > 0 ? "warn" : "default"}
        />
        <StatCard
          label={t("bureau.stats.failedRuns")}
          value={stats.failedRuns}
          href={admin ? "/bureau/jobs?status=FAILED" : undefined}
          tone={stats.failedRuns > 0 ? "warn" : "default"}
        />
      </div>
    </>
  );
}
