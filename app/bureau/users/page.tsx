import { DataTable, SearchForm } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Badge, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { UnlockButton } from "./unlock-button";

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("BUREAU_ADMIN");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["email"] as const, defaultSort: "email" });
  const lockedOnly = param(params, "locked") === "1";
  const { rows, total } = await (
    await api()
  ).users.list({ page: list.page, pageSize: list.pageSize, search: list.search, lockedOnly });
  return (
    <>
      <PageHeader title={t("bureau.users.title")} intro={t("bureau.users.intro")} />
      <SearchForm t={t} pathname="/bureau/users" params={params} placeholder={t("bureau.customers.searchPlaceholder")}>
        <label className="flex items-center gap-1.5 text-sm text-slate-600">
          <input type="checkbox" name="locked" value="1" defaultChecked={lockedOnly} /> {t("bureau.users.lockedOnly")}
        </label>
      </SearchForm>
      <DataTable
        t={t}
        testId="user-table"
        pathname="/bureau/users"
        params={params}
        rows={rows}
        rowKey={(r) => r.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        empty={t("bureau.users.empty")}
        columns={[
          { header: t("login.email"), cell: (r) => <span data-testid={`user-${r.email}`}>{r.email}</span> },
          { header: t("party.contactName"), cell: (r) => r.name },
          {
            header: t("bureau.users.enterprise"),
            cell: (r) => r.enterprise?.name ?? <span className="text-slate-400">{t("bureau.users.staff")}</span>,
          },
          {
            header: t("bureau.customers.status"),
            cell: (r) => <Badge tone={r.role.startsWith("CUSTOMER") ? "slate" : "blue"}>{t(`roles.${r.role}`)}</Badge>,
          },
          { header: t("bureau.users.failedCount"), align: "right", cell: (r) => r.failedLoginCount },
          {
            header: t("bureau.users.lastLogin"),
            cell: (r) => <span className="num">{r.lastLoginAt ? formatChinaDateTime(r.lastLoginAt) : "—"}</span>,
          },
          {
            header: t("bureau.users.lockedUntil"),
            cell: (r) =>
              r.locked && r.lockedUntil ? (
                <span className="flex items-center gap-2" data-testid={`locked-${r.email}`}>
                  <Badge tone="red">{formatChinaDateTime(r.lockedUntil)}</Badge>
                  <UnlockButton userId={r.id} />
                </span>
              ) : (
                <span className="text-slate-400">{t("bureau.users.notLocked")}</span>
              ),
          },
        ]}
      />
    </>
  );
}
