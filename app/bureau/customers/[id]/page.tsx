import { orNotFound, requireStaff } from "@/app/_components/guards";
import Link from "next/link";
import { ContractStatusBadge } from "@/app/_components/contract-status";
import { Badge, Card, Fields, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDate, formatChinaDateTime, fromDbDate } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { formatFen, formatLiAsYuan } from "@/server/money";

export default async function CustomerDetailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { id } = await params;
  const { t, locale } = await currentTranslator();
  const e = await orNotFound((await api()).customers.get({ id }));
  return (
    <>
      <PageHeader
        title={e.name}
        intro={`${t("party.uscc")} ${e.uscc}`}
        actions={
          <Link href="/bureau/customers" className="text-sm text-slate-500 hover:text-slate-800">
            ← {t("app.back")}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title={t("bureau.customers.detail")}>
          <Fields
            items={[
              { label: t("party.name"), value: e.name, testId: "enterprise-name" },
              { label: t("party.uscc"), value: <span className="num">{e.uscc}</span> },
              { label: t("party.legalRepresentative"), value: e.legalRepresentative },
              { label: t("party.address"), value: e.address },
              { label: t("party.phone"), value: e.phone },
              { label: t("party.bankName"), value: e.bankName },
              { label: t("party.bankAccount"), value: <span className="num">{e.bankAccount}</span> },
              { label: t("party.contactName"), value: `${e.contactName} · ${e.contactMobile} · ${e.contactEmail}` },
            ]}
          />
        </Card>
        <Card title={t("bureau.customers.contracts")}>
          <ul className="divide-y divide-slate-100 text-sm">
            {e.contracts.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                <span className="flex items-center gap-2">
                  <span className="num font-medium">{c.number}</span>
                  <ContractStatusBadge t={t} status={c.status} />
                </span>
                <span className="num text-slate-600">
                  {locale === "zh" ? c.inForce.package.nameZh : c.inForce.package.nameEn} · ¥
                  {formatFen(c.inForce.terms.baseFeeFen)} / {c.inForce.terms.includedMessages.toLocaleString()} / ¥
                  {formatLiAsYuan(c.inForce.terms.overagePriceLi)} · {formatChinaDate(fromDbDate(c.startDate))} —{" "}
                  {formatChinaDate(fromDbDate(c.endDate))}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("bureau.customers.users")}>
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
