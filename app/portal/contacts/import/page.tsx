import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { Badge, Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { ContactsNav } from "../contacts-nav";
import { IMPORT_TONES } from "./import-status";
import { UploadForm } from "./upload-form";

export default async function ImportPage() {
  await requireCustomer();
  const { t } = await currentTranslator();
  const imports = await (await api()).addressbook.imports.list();
  return (
    <>
      <PageHeader title={t("addressbook.import.title")} intro={t("addressbook.import.intro")} />
      <ContactsNav t={t} active="import" />
      <div className="space-y-6">
        <Card>
          <UploadForm />
        </Card>
        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("addressbook.import.recent")}</h2>
          <DataTable
            t={t}
            testId="import-table"
            pathname="/portal/contacts/import"
            params={{}}
            rows={imports}
            rowKey={(i) => i.id}
            total={imports.length}
            page={1}
            pageSize={imports.length || 1}
            empty={t("addressbook.import.empty")}
            columns={[
              {
                header: t("addressbook.import.fileName"),
                cell: (i) => (
                  <Link href={`/portal/contacts/import/${i.id}`} className="font-medium text-brand-700 hover:underline">
                    {i.fileName}
                  </Link>
                ),
              },
              {
                header: t("addressbook.import.status"),
                cell: (i) => (
                  <Badge tone={IMPORT_TONES[i.status]}>{t(`addressbook.import.statuses.${i.status}`)}</Badge>
                ),
              },
              { header: t("addressbook.import.rows"), align: "right", cell: (i) => i.totalRows },
              { header: t("addressbook.import.result.created"), align: "right", cell: (i) => i.importedRows },
              { header: t("addressbook.import.result.updated"), align: "right", cell: (i) => i.updatedRows },
              {
                header: t("addressbook.import.result.skipped"),
                align: "right",
                cell: (i) => i.invalidRows + i.duplicateRows,
              },
              {
                header: t("addressbook.import.createdAt"),
                cell: (i) => <span className="num text-slate-500">{formatChinaDateTime(i.createdAt)}</span>,
              },
            ]}
          />
        </section>
      </div>
    </>
  );
}
