// Download of the address book (the list's filters: q, group, tag, kind) as CSV or XLSX, for the
// signed-in customer's own enterprise only.
import { exportContacts } from "@/server/addressbook/export";
import { CONTACT_KINDS, type ContactKindCode } from "@/server/addressbook/rules";
import { translator } from "@/server/i18n";
import { currentLocale } from "@/server/i18n/current";
import { customerCaller, downloadResponse, handleRoute, methodNotAllowed } from "@/server/http/route";
import { TABULAR_FORMATS, type TabularFormat } from "@/server/reports/tabular";

export const runtime = "nodejs";

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

export async function GET(request: Request) {
  return handleRoute(request, async () => {
    const { user, ip, userAgent, enterpriseId, db } = await customerCaller();
    const actor = { userId: user.id, role: user.role, enterpriseId, ip, userAgent };
    const url = new URL(request.url);
    const q = url.searchParams;
    const format: TabularFormat = oneOf(TABULAR_FORMATS, q.get("format")) ?? "csv";
    const filter = {
      search: q.get("q")?.trim().slice(0, 100) || undefined,
      groupId: q.get("group")?.slice(0, 64) || undefined,
      tag: q.get("tag")?.slice(0, 20) || undefined,
      kind: oneOf<ContactKindCode>(CONTACT_KINDS, q.get("kind")),
    };
    const locale = await currentLocale();
    const t = translator(locale);
    const file = await exportContacts(
      db,
      actor,
      {
        filter,
        format,
        fileStem: t("addressbook.export.fileStem"),
        labels: {
          headers: {
            name: t("addressbook.fields.name"),
            mobile: t("addressbook.fields.mobile"),
            kind: t("addressbook.fields.kind"),
            groups: t("addressbook.fields.groups"),
            tags: t("addressbook.fields.tags"),
            note: t("addressbook.fields.note"),
          },
          kinds: { STAFF: t("addressbook.kinds.STAFF"), CLIENT: t("addressbook.kinds.CLIENT") },
          listSeparator: locale === "zh" ? "、" : ", ",
        },
      },
      new Date(),
    );
    return downloadResponse({ ...file, asciiName: `contacts-${file.fileName.replace(/^.*-(\d{8}\.\w+)$/, "$1")}` });
  });
}

const refused = methodNotAllowed("GET");
export { refused as DELETE, refused as PATCH, refused as POST, refused as PUT };
