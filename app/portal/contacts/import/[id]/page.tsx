import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCustomer } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";
import { ContactsNav } from "../../contacts-nav";
import { ImportRun } from "./import-run";

export default async function ImportDetailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireCustomer();
  const { id } = await params;
  const { t } = await currentTranslator();
  const view = await (await api()).addressbook.imports.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
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
