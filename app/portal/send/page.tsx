import Link from "next/link";
import { requireCustomer } from "@/app/_components/guards";
import { Alert, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";
import { ComposeForm } from "./compose-form";

export default async function SendPage() {
  await requireCustomer();
  const { t } = await currentTranslator();
  const { signature, groups } = await (await api()).sending.composeOptions();
  return (
    <>
      <PageHeader title={t("portalSending.compose.title")} intro={t("portalSending.compose.intro")} />
      {signature.approved ? (
        <ComposeForm signature={signature.approved} groups={groups} />
      ) : (
        <Alert tone="info" testId="signature-missing">
          {t("portalSending.compose.signatureNone")}
          {signature.pending ? ` ${t("portalSending.compose.signaturePending", { text: signature.pending })}` : " "}
          <Link href="/portal/compliance" className="ml-1 font-medium underline">
            {t("portalSending.compose.signatureApply")}
          </Link>
        </Alert>
      )}
    </>
  );
}
