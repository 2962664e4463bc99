import { ChangeSetTable, RequestStatusBadge } from "@/app/_components/change-request";
import { requireCustomer } from "@/app/_components/guards";
import { Alert, Badge, Card, Fields, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { ChangeRequestForm, WithdrawChangeButton } from "./change-request-form";

export default async function EnterprisePage() {
  const user = await requireCustomer();
  const { t } = await currentTranslator();
  const caller = await api();
  const [e, change] = await Promise.all([caller.portal.enterprise(), caller.enterpriseChanges.current()]);
  const isAdmin = user.role === "CUSTOMER_ADMIN";
  const pending = change?.status === "PENDING";
  return (
    <>
      <PageHeader title={t("portal.enterpriseTitle")} intro={t("portal.enterpriseNote")} />
      <div className="space-y-6">
        <Card>
          <Fields
            items={[
              { label: t("party.name"), value: e.name, testId: "enterprise-name" },
              { label: t("party.uscc"), value: <span className="num">{e.uscc}</span>, testId: "enterprise-uscc" },
              { label: t("party.legalRepresentative"), value: e.legalRepresentative },
              { label: t("party.address"), value: e.address, testId: "enterprise-address" },
              { label: t("party.phone"), value: e.phone },
              { label: t("party.bankName"), value: e.bankName },
              { label: t("party.bankAccount"), value: <span className="num">{e.bankAccount}</span> },
              { label: t("party.contactName"), value: e.contactName },
              { label: t("party.contactEmail"), value: e.contactEmail },
              { label: t("party.contactMobile"), value: <span className="num">{e.contactMobile}</span> },
            ]}
          />
        </Card>
        {change ? (
          <Card title={t("team.changes.statusTitle")}>
            <div className="space-y-3" data-testid="change-request-status">
              <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
                <RequestStatusBadge t={t} status={change.status} />
                <span className="num">
                  {t("team.changes.requestedAt")} {formatChinaDateTime(change.requestedAt)}
                </span>
                {change.decidedAt ? (
                  <span className="num">
                    {t("team.changes.decidedAt")} {formatChinaDateTime(change.decidedAt)}
                  </span>
                ) : null}
              </div>
              {change.status === "REJECTED" && change.decisionNote ? (
                <Alert tone="error" testId="change-request-reason">
                  {t("team.changes.reason", { reason: change.decisionNote })}
                </Alert>
              ) : null}
              <ChangeSetTable t={t} changes={change.changes} />
              {pending ? <p className="text-sm text-slate-500">{t("team.changes.pendingNote")}</p> : null}
              {pending && isAdmin ? <WithdrawChangeButton id={change.id} /> : null}
            </div>
          </Card>
        ) : null}
        {isAdmin && !pending ? (
          <Card title={t("team.changes.title")}>
            <p className="mb-4 text-sm text-slate-500">{t("team.changes.intro")}</p>
            <ChangeRequestForm
              current={{
                name: e.name,
                legalRepresentative: e.legalRepresentative,
                address: e.address,
                phone: e.phone,
                uscc: e.uscc,
                bankName: e.bankName,
                bankAccount: e.bankAccount,
                contactName: e.contactName,
                contactEmail: e.contactEmail,
                contactMobile: e.contactMobile,
              }}
            />
          </Card>
        ) : null}
        {!isAdmin ? <Alert tone="info">{t("team.changes.onlyAdmin")}</Alert> : null}
        <Card title={t("portal.users")}>
          <ul className="divide-y divide-slate-100 text-sm">
            {e.users.map((u) => (
              <li key={u.id} className="flex items-center justify-between py-2">
                <span>
                  {u.name} <span className="text-slate-500">{u.email}</span>
                </span>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  {u.lastLoginAt ? formatChinaDateTime(u.lastLoginAt) : "—"}
                  <Badge tone={u.role === "CUSTOMER_ADMIN" ? "blue" : "slate"}>{t(`roles.${u.role}`)}</Badge>
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
