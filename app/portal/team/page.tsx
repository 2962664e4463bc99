import { DataTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { Alert, Badge, type BadgeTone, Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import type { InvitationStatus } from "@/server/team/members";
import { InviteForm, MemberSwitch, RevokeInvitationButton } from "./team-actions";

const INVITATION_TONES: Record<InvitationStatus, BadgeTone> = {
  PENDING: "amber",
  ACCEPTED: "green",
  REVOKED: "slate",
  EXPIRED: "slate",
};
// Every member of one enterprise fits on one page.
const ONE_PAGE = 200;

export default async function TeamPage() {
  const user = await requireCustomer();
  const { t } = await currentTranslator();
  const isAdmin = user.role === "CUSTOMER_ADMIN";
  const caller = await api();
  const [members, invitations] = await Promise.all([
    caller.team.members(),
    isAdmin ? caller.team.invitations() : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader title={t("team.members.title")} intro={t("team.members.intro")} />
      <div className="space-y-6">
        {isAdmin ? (
          <Card title={t("team.invite.title")}>
            <InviteForm />
          </Card>
        ) : (
          <Alert tone="info">{t("team.members.readOnly")}</Alert>
        )}
        <DataTable
          t={t}
          testId="member-table"
          pathname="/portal/team"
          params={{}}
          rows={members}
          rowKey={(m) => m.id}
          total={members.length}
          page={1}
          pageSize={ONE_PAGE}
          empty={t("team.members.empty")}
          columns={[
            {
              header: t("team.members.name"),
              cell: (m) => (m.id === user.id ? `${m.name}${t("team.members.you")}` : m.name),
            },
            { header: t("team.members.email"), cell: (m) => <span data-testid={`member-${m.email}`}>{m.email}</span> },
            {
              header: t("team.members.role"),
              cell: (m) => <Badge tone={m.role === "CUSTOMER_ADMIN" ? "blue" : "slate"}>{t(`roles.${m.role}`)}</Badge>,
            },
            {
              header: t("team.members.lastLogin"),
              cell: (m) => <span className="num">{m.lastLoginAt ? formatChinaDateTime(m.lastLoginAt) : "—"}</span>,
            },
            {
              header: t("team.members.state"),
              cell: (m) => (
                <span data-testid={`member-state-${m.email}`}>
                  <Badge tone={m.disabled ? "red" : "green"}>
                    {m.disabled ? t("team.members.disabled") : t("team.members.active")}
                  </Badge>
                </span>
              ),
            },
            ...(isAdmin
              ? [
                  {
                    header: t("app.actions"),
                    cell: (m: (typeof members)[number]) =>
                      m.role === "CUSTOMER_OPERATOR" && m.id !== user.id ? (
                        <MemberSwitch userId={m.id} name={m.name} email={m.email} disabled={m.disabled} />
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
        {isAdmin ? (
          <section>
            <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("team.invitations.title")}</h2>
            <DataTable
              t={t}
              testId="invitation-table"
              pathname="/portal/team"
              params={{}}
              rows={invitations}
              rowKey={(i) => i.id}
              total={invitations.length}
              page={1}
              pageSize={ONE_PAGE}
              empty={t("team.invitations.empty")}
              columns={[
                { header: t("team.invitations.email"), cell: (i) => i.email },
                { header: t("team.invitations.name"), cell: (i) => i.name },
                {
                  header: t("team.invitations.createdAt"),
                  cell: (i) => <span className="num">{formatChinaDateTime(i.createdAt)}</span>,
                },
                {
                  header: t("team.invitations.expiresAt"),
                  cell: (i) => <span className="num">{formatChinaDateTime(i.expiresAt)}</span>,
                },
                {
                  header: t("team.invitations.status"),
                  cell: (i) => (
                    <Badge tone={INVITATION_TONES[i.status]}>{t(`team.invitations.statuses.${i.status}`)}</Badge>
                  ),
                },
                {
                  header: t("app.actions"),
                  cell: (i) =>
                    i.status === "PENDING" ? <RevokeInvitationButton invitationId={i.id} email={i.email} /> : null,
                },
              ]}
            />
          </section>
        ) : null}
      </div>
    </>
  );
}
