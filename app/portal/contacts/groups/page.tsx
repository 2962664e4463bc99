import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { withParams } from "@/app/_components/list-params";
import { Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { ContactsNav } from "../contacts-nav";
import { CreateGroupForm, GroupActions } from "./group-actions";

// An enterprise has tens of groups, not thousands: one page.
const ONE_PAGE = 500;

export default async function GroupsPage() {
  await requireCustomer();
  const { t } = await currentTranslator();
  const groups = await (await api()).addressbook.groups.list();
  return (
    <>
      <PageHeader title={t("addressbook.list.title")} intro={t("addressbook.groups.intro")} />
      <ContactsNav t={t} active="groups" />
      <div className="space-y-6">
        <Card title={t("addressbook.groups.create")}>
          <CreateGroupForm />
        </Card>
        <DataTable
          t={t}
          testId="group-table"
          pathname="/portal/contacts/groups"
          params={{}}
          rows={groups}
          rowKey={(g) => g.id}
          total={groups.length}
          page={1}
          pageSize={ONE_PAGE}
          empty={t("addressbook.groups.empty")}
          columns={[
            {
              header: t("addressbook.groups.name"),
              cell: (g) => (
                <span className="font-medium" data-testid={`group-${g.name}`}>
                  {g.name}
                </span>
              ),
            },
            {
              header: t("addressbook.groups.members"),
              align: "right",
              cell: (g) => (
                <Link
                  href={withParams("/portal/contacts", {}, { group: g.id })}
                  className="text-brand-700 hover:underline"
                  aria-label={`${t("addressbook.groups.showMembers")} ${g.name}`}
                >
                  {g.memberCount}
                </Link>
              ),
            },
            {
              header: t("addressbook.groups.createdAt"),
              cell: (g) => <span className="num text-slate-500">{formatChinaDateTime(g.createdAt)}</span>,
            },
            {
              header: t("app.actions"),
              cell: (g) => <GroupActions id={g.id} name={g.name} memberCount={g.memberCount} />,
            },
          ]}
        />
      </div>
    </>
  );
}
