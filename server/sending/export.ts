// A job's messages as CSV or XLSX (server/reports/tabular.ts), for the customer who owns the job.
// Numbers stay text so spreadsheets do not turn 13800138000 into 1.38E+10.
import { formatChinaDateTime } from "../clock";
import type { DbTx } from "../db";
import type { Translate } from "../i18n";
import { type TabularColumn, type TabularFormat, writeTabular } from "../reports/tabular";
import { jobMessagesForExport } from "./views";

async function* rowsOf(db: DbTx, enterpriseId: string, jobId: string, t: Translate) {
  const at = (d: Date | null) => (d ? formatChinaDateTime(d, true) : "");
  for await (const slice of jobMessagesForExport(db, enterpriseId, jobId)) {
    for (const m of slice) {
      yield [
        m.id,
        m.mobile,
        t(`portalSending.messageStatuses.${m.status}`),
        m.status,
        String(m.segments),
        m.errorCode ?? "",
        at(m.createdAt),
        at(m.submittedAt),
        at(m.finalAt),
      ];
    }
  }
}

function columns(t: Translate): TabularColumn[] {
  return [
    { header: t("portalSending.messages.messageId"), width: 12 },
    { header: t("portalSending.messages.mobile"), width: 16, text: true },
    { header: t("portalSending.messages.status"), width: 10 },
    { header: "status", width: 14 },
    { header: t("portalSending.messages.segments"), width: 8 },
    { header: t("portalSending.messages.errorCode"), width: 10 },
    { header: t("portalSending.messages.createdAt"), width: 20 },
    { header: t("portalSending.messages.submittedAt"), width: 20 },
    { header: t("portalSending.messages.finalAt"), width: 20 },
  ];
}

export async function exportJobMessages(
  db: DbTx,
  enterpriseId: string,
  jobId: string,
  format: TabularFormat,
  t: Translate,
) {
  const rows = rowsOf(db, enterpriseId, jobId, t);
  // Reads the first slice before anything is written, so an unknown job fails as NOT_FOUND.
  const first = await rows.next();
  const all = async function* () {
    if (!first.done) yield first.value;
    yield* rows;
  };
  const file = await writeTabular(format, { sheetName: "messages", columns: columns(t), rows: all() });
  return { fileName: `job-${jobId}.${format}`, ...file };
}
