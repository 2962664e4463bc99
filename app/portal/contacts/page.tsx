import Link from "next/link";
import { DataTable, SearchForm } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams, withParams } from "@/app/_components/list-params";
import { Badge, PageHeader } from "@/app/_components/ui";
import { CONTACT_SORTS } from "@/server/addressbook/contacts";
import { CONTACT_KINDS } from "@/server/addressbook/rules";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { formatMobile } from "@/server/phone";
import { BulkGroupBar } from "./bulk-groups";
import { ContactsNav } from "./contacts-nav";

const PATH = "/portal/contacts";
// The bulk group form (a client component) owns the row checkboxes through their `form` attribute.
const BULK_FORM_ID = "contact-bulk";

export default async function ContactsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireCustomer();
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: CONTACT_SORTS, defaultSort: "name", defaultDir: "asc" });
  const caller = await api();
  const [groups, tags] = await Promise.all([caller.addressbook.groups.list(), caller.addressbook.contacts.tags()]);
  const groupParam = param(params, "group");
  const groupId = groups.find((g) => g.id === groupParam)?.id;
  const tagParam = param(params, "tag");
  const tag = tags.find((x) => x === tagParam);
  const kindParam = param(params, "kind");
  const kind = CONTACT_KINDS.find((k) => k === kindParam);
  const filter = { search: list.search, groupId, tag, kind };
  const { rows, total } = await caller.addressbook.contacts.list({
    page: list.page,
    pageSize: list.pageSize,
    sort: list.sort,
    dir: list.dir,
    ...filter,
  });
  const exportQuery = (format: "csv" | "xlsx") =>
    withParams("/api/contacts/export", { q: list.search, group: groupId, tag, kind }, { format });
  const select = "rounded-md border border-slate-300 bg-white px-2.5 py-2 text-sm shadow-sm";
  return (
    <>
      <PageHeader
        title={t("addressbook.list.title")}
        intro={t("addressbook.list.intro")}
        actions={
          <>
            <a
              href={exportQuery("csv")}
              className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
              data-testid="export-csv"
            >
              {t("addressbook.list.exportCsv")}
            </a>
            <a
              href={exportQuery("xlsx")}
              className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
              data-testid="export-xlsx"
            >
              {t("addressbook.list.exportXlsx")}
            </a>
            <Link
              href={`${PATH}/new`}
              className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t("addressbook.list.add")}
            </Link>
          </>
        }
      />
      <ContactsNav t={t} active="contacts" />
      <SearchForm t={t} pathname={PATH} params={params} placeholder={t("addressbook.list.searchPlaceholder")}>
        <select
          name="group"
          defaultValue={groupId ?? ""}
          aria-label={t("addressbook.fields.groups")}
          className={select}
        >
          <option value="">{t("addressbook.list.allGroups")}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <select name="tag" defaultValue={tag ?? ""} aria-label={t("addressbook.fields.tags")} className={select}>
          <option value="">{t("addressbook.list.allTags")}</option>
          {tags.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
        <select name="kind" defaultValue={kind ?? ""} aria-label={t("addressbook.fields.kind")} className={select}>
          <option value="">{t("addressbook.list.allKinds")}</option>
          {CONTACT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`addressbook.kinds.${k}`)}
            </option>
          ))}
        </select>
      </SearchForm>
      <BulkGroupBar formId={BULK_FORM_ID} groups={groups} />
      <DataTable
        t={t}
        testId="contact-table"
        pathname={PATH}
        params={params}
        rows={rows}
        rowKey={(c) => c.id}
        total={total}
        page={list.page}
        pageSize={list.pageSize}
        sort={list.sort}
        dir={list.dir}
        empty={t("addressbook.list.empty")}
        columns={[
          {
            header: t("addressbook.bulk.select"),
            cell: (c) => (
              <input
                type="checkbox"
                form={BULK_FORM_ID}
                name="contactIds"
                value={c.id}
                aria-label={`${t("addressbook.bulk.select")} ${c.name}`}
              />
            ),
          },
          {
            header: t("addressbook.fields.name"),
            sort: "name",
            cell: (c) => (
              <Link href={`${PATH}/${c.id}`} className="font-medium text-brand-700 hover:underline">
                {c.name}
              </Link>
            ),
          },
          {
            header: t("addressbook.fields.mobile"),
            sort: "mobile",
            cell: (c) => (
              <span className="num whitespace-nowrap" data-testid={`contact-${c.mobile}`}>
                {formatMobile(c.mobile)}
              </span>
            ),
          },
          {
            header: t("addressbook.fields.kind"),
            cell: (c) => <Badge tone={c.kind === "STAFF" ? "blue" : "slate"}>{t(`addressbook.kinds.${c.kind}`)}</Badge>,
          },
          {
            header: t("addressbook.fields.groups"),
            cell: (c) => (
              <span className="flex flex-wrap gap-1">
                {c.groups.map((g) => (
                  <Link
                    key={g.id}
                    href={withParams(PATH, {}, { group: g.id })}
                    className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-200"
                  >
                    {g.name}
                  </Link>
                ))}
              </span>
            ),
          },
          {
            header: t("addressbook.fields.tags"),
            cell: (c) => (
              <span className="flex flex-wrap gap-1">
                {c.tags.map((x) => (
                  <Badge key={x} tone="amber">
                    {x}
                  </Badge>
                ))}
              </span>
            ),
          },
          {
            header: t("addressbook.fields.note"),
            cell: (c) => <span className="line-clamp-2 max-w-xs text-slate-600">{c.note ?? ""}</span>,
          },
          {
            header: t("addressbook.fields.updatedAt"),
            sort: "updatedAt",
            cell: (c) => (
              <span className="num whitespace-nowrap text-slate-500">{formatChinaDateTime(c.updatedAt)}</span>
            ),
          },
        ]}
      />
    </>
  );
}
