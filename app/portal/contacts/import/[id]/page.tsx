import Link from "next/link";
import { orNotFound, requireCustomer } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";
import { ContactsNav } from "../../contacts-nav";
import { ImportRun } from "./import-run";

export default async function ImportDetailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireCustomer();
  const { id } = await params;
  const { t } = await currentTranslator();
  const view = await orNotFound((await api()).addressbook.imports.get({ id }));
  return (
    <>
      <PageHeader
        title={t("addressbook.import.preview.title")}
        intro={view.fileName}
        actions={
          <Link href="/portal/contacts/import" className="text-sm text-slate-500 hover:text-slate-800">
            {t("app.back")}
          </Link>
        }
      />
      <ContactsNav t={t} active="import" />
      <ImportRun initial={view} />
    </>
  );
}
