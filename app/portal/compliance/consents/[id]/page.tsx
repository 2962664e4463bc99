import Link from "next/link";
import { orNotFound, requireCustomer } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { CONSENT_NUMBERS_SHOWN } from "@/server/compliance/consents";
import { currentTranslator } from "@/server/i18n/current";
import { ConsentDetail } from "../consent-detail";
import { WithdrawConsentButton } from "./withdraw-button";

export default async function ConsentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCustomer();
  const { id } = await params;
  const { t } = await currentTranslator();
  const consent = await orNotFound((await api()).compliance.consent.mineGet({ id }));
  return (
    <>
      <PageHeader
        title={t("compliance.consents.detail")}
        actions={
          <>
            {user.role === "CUSTOMER_ADMIN" && consent.status === "PENDING" ? (
              <WithdrawConsentButton id={consent.id} />
            ) : null}
            <Link
              href="/portal/compliance/consents"
              className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm text-slate-700 hover:bg-slate-50"
            >
              {t("app.back")}
            </Link>
          </>
        }
      />
      <ConsentDetail
        t={t}
        consent={consent}
        letterHref={`/portal/compliance/consents/${consent.id}/letter`}
        shown={CONSENT_NUMBERS_SHOWN}
      />
    </>
  );
}
