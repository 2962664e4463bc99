import { requireCustomer } from "@/app/_components/guards";
import { Badge, Card, Fields, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";

export default async function EnterprisePage() {
  await requireCustomer();
  const { t } = await currentTranslator();
  const e = await (await api()).portal.enterprise();
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
              { label: t("party.address"), value: e.address },
              { label: t("party.phone"), value: e.phone },
              { label: t("party.bankName"), value: e.bankName },
              { label: t("party.bankAccount"), value: <span className="num">{e.bankAccount}</span> },
              { label: t("party.contactName"), value: e.contactName },
              { label: t("party.contactEmail"), value: e.contactEmail },
              { label: t("party.contactMobile"), value: <span className="num">{e.contactMobile}</span> },
            ]}
          />
        </Card>
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
