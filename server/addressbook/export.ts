// Exporting the (filtered) address book as CSV or XLSX, in the columns the import reads back: a file
// exported here can be edited in Excel and imported again.
import { type EnterpriseActor, recordAudit } from "../audit/log";
import { formatChinaDate, toChinaDate } from "../clock";
import type { DbTx } from "../db";
import { type TabularColumn, type TabularFormat, writeTabular } from "../reports/tabular";
import type { ContactFilter } from "./contacts";
import { contactWhere } from "./contacts";
import type { ContactKindCode } from "./rules";

/** Column headers and kind names in the reader's language (the import understands both languages). */
export interface ExportLabels {
  headers: { name: string; mobile: string; kind: string; groups: string; tags: string; note: string };
  kinds: Record<ContactKindCode, string>;
  listSeparator: string;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Uint8Array;
  count: number;
}

const CHUNK = 5_000;

/** Every matching contact as rows of cells, read in chunks so a 100,000-contact book is not one query. */
async function* exportRows(
  db: DbTx,
  enterpriseId: string,
  filter: ContactFilter,
  labels: ExportLabels,
): AsyncGenerator<string[]> {
  const where = contactWhere(enterpriseId, filter);
  let cursor: string | undefined;
  for (;;) {
    const chunk = await db.contact.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: CHUNK,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        name: true,
        mobile: true,
        kind: true,
        tags: true,
        note: true,
        groups: { select: { group: { select: { name: true } } } },
      },
    });
    for (const c of chunk) {
      const groups = c.groups.map((m) => m.group.name).sort();
      yield [
        c.name,
        c.mobile,
        labels.kinds[c.kind],
        groups.join(labels.listSeparator),
        c.tags.join(labels.listSeparator),
        c.note ?? "",
      ];
    }
    if (chunk.length < CHUNK) return;
    cursor = chunk[chunk.length - 1]?.id;
  }
}

/** The import's columns; the mobile stays text so Excel shows 13800138000, not 1.38E+10. */
function columns(labels: ExportLabels): TabularColumn[] {
  const h = labels.headers;
  return [
    { header: h.name, width: 16 },
    { header: h.mobile, width: 16, text: true },
    { header: h.kind, width: 10 },
    { header: h.groups, width: 24 },
    { header: h.tags, width: 24 },
    { header: h.note, width: 40 },
  ];
}

export async function exportContacts(
  db: DbTx,
  actor: EnterpriseActor,
  input: { filter: ContactFilter; format: TabularFormat; labels: ExportLabels; fileStem: string },
  now: Date,
): Promise<ExportFile> {
  const rows = exportRows(db, actor.enterpriseId, input.filter, input.labels);
  const { body, count, contentType } = await writeTabular(input.format, {
    sheetName: input.fileStem,
    columns: columns(input.labels),
    rows,
  });
  const stamp = formatChinaDate(toChinaDate(now)).replaceAll("-", "");
  await recordAudit(
    db,
    actor,
    {
      action: "addressbook.exported",
      entityType: "Contact",
      enterpriseId: actor.enterpriseId,
      detail: { format: input.format, count, filter: { ...input.filter } },
    },
    now,
  );
  return {
    fileName: `${input.fileStem}-${stamp}.${input.format}`,
    contentType,
    body,
    count,
  };
}
