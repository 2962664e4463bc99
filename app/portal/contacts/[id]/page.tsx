import Link from "next/link";
import { orNotFound, requireCustomer } from "@/app/_components/guards";
import { Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { ContactForm, DeleteContactButton } from "../contact-form";

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  await requireCustomer();
  const { id } = await params;
  const { t } = await currentTranslator();
  const caller = await api();
  const [contact, groups] = await Promise.all([
    orNotFound(caller.addressbook.contacts.get({ id })),
    caller.addressbook.groups.list(),
  ]);
  return (
    <>
      <PageHeader
        title={t("addressbook.form.editTitle")}
        intro={t("addressbook.form.meta", {
          createdAt: formatChinaDateTime(contact.createdAt),
          updatedAt: formatChinaDateTime(contact.updatedAt),
        })}
        actions={
          <Link href="/portal/contacts" className="text-sm text-slate-500 hover:text-slate-800">
            {t("addressbook.misc.back")}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card>
          <ContactForm contact={{ ...contact, groupIds: contact.groups.map((g) => g.id) }} groups={groups} />
        </Card>
        <DeleteContactButton id={contact.id} name={contact.name} mobile={contact.mobile} />
      </div>
    </>
  );
}
