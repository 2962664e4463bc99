import Link from "next/link";
import { requireCustomer } from "@/app/_components/guards";
import { Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";
import { ContactForm } from "../contact-form";

export default async function NewContactPage() {
  await requireCustomer();
  const { t } = await currentTranslator();
  const groups = await (await api()).addressbook.groups.list();
  return (
    <>
      <PageHeader
        title={t("addressbook.form.newTitle")}
        actions={
          <Link href="/portal/contacts" className="text-sm text-slate-500 hover:text-slate-800">
            {t("addressbook.misc.back")}
          </Link>
        }
      />
      <Card>
        <ContactForm groups={groups} />
      </Card>
    </>
  );
}
