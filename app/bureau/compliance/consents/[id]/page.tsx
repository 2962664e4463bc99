import Link from "next/link";
import { orNotFound, requireStaff } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { ConsentDetail } from "@/app/portal/compliance/consents/consent-detail";
import { api } from "@/server/api/server";
import { addDays, formatChinaDate, toChinaDate } from "@/server/clock";
import { CONSENT_NUMBERS_SHOWN } from "@/server/compliance/consents";
import { currentTranslator } from "@/server/i18n/current";
import { ConsentDecision } from "./consent-decision";

export default async function ConsentReviewPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff("COMPLIANCE");
  const { id } = await params;
  const { t } = await currentTranslator();
  const consent = await orNotFound((await api()).compliance.consent.get({ id }));
  // A year from today is the usual validity; the reviewer changes it as the letter says.
  const defaultUntil = formatChinaDate(addDays(toChinaDate(new Date()), 365));
  return (
    <>
      <PageHeader
        title={`${t("compliance.consents.detail")} · ${consent.enterprise.name}`}
        actions={
          <Link
            href="/bureau/compliance/consents"
            className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm text-slate-700 hover:bg-slate-50"
          >
            {t("app.back")}
          </Link>
        }
      />
      <div className="space-y-6">
        {consent.status === "PENDING" ? <ConsentDecision id={consent.id} defaultUntil={defaultUntil} /> : null}
        <ConsentDetail
          t={t}
          consent={consent}
          letterHref={`/bureau/compliance/consents/${consent.id}/letter`}
          shown={CONSENT_NUMBERS_SHOWN}
        />
      </div>
    </>
  );
}
