// A job's messages as CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX, for the customer who
// owns the job. Numbers stay text so spreadsheets do not turn 13800138000 into 1.38E+10.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { formatChinaDateTime } from "../clock";
import type { DbTx } from "../db";
import type { Translate } from "../i18n";
import { jobMessagesForExport } from "./views";

export type JobExportFormat = "csv" | "xlsx";
const BOM = "\uFEFF";

async function* rowsOf(db: DbTx, enterpriseId: string, jobId: string, t: Translate) {
  const at = (d: Date | null) => (d ? formatChinaDateTime(d, true) : "");
  for await (const slice of jobMessagesForExport(db, enterpriseId, jobId)) {
    for (const m of slice) {
      yield [m.id, m.mobile, t(`portalSending.messageStatuses.${m.status}`), m.status, String(m.segments), m.errorCode ?? "", at(m.createdAt), at(m.submittedAt), at(m.finalAt)];
    }
  }
}

function header(t: Translate): string[] {
  return [
    t("portalSending.messages.messageId"), t("portalSending.messages.mobile"), t("portalSending.messages.status"), "status",
    t("portalSending.messages.segments"), t("portalSending.messages.errorCode"), t("portalSending.messages.createdAt"),
    t("portalSending.messages.submittedAt"), t("portalSending.messages.finalAt"),
  ];
}

export async function exportJobMessages(db: DbTx, enterpriseId: string, jobId: string, format: JobExportFormat, t: Translate) {
  const rows = rowsOf(db, enterpriseId, jobId, t);
  // Reads the first slice before anything is written, so an unknown job fails as NOT_FOUND.
  const first = await rows.next();
  const all = async function* () {
    if (!first.done) yield first.value;
    yield* rows;
  };
  let body: Uint8Array;
  let count = 0;
  if (format === "csv") {
    const lines: string[][] = [header(t)];
    for await (const row of all()) {
      lines.push(row);
      count++;
    }
    body = new TextEncoder().encode(BOM + Papa.unparse(lines, { newline: "\r\n" }) + "\r\n");
  } else {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    const finished = new Promise<void>((resolve, reject) => {
      out.on("end", resolve);
      out.on("error", reject);
    });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet("messages", { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = [{ width: 12 }, { width: 16, style: { numFmt: "@" } }, { width: 10 }, { width: 14 }, { width: 8 }, { width: 10 }, { width: 20 }, { width: 20 }, { width: 20 }];
    const head = sheet.addRow(header(t));
    head.font = { bold: true };
    head.commit();
    for await (const row of all()) {
      sheet.addRow(row).commit();
      count++;
    }
    sheet.commit();
    await workbook.commit();
    await finished;
    body = Buffer.concat(chunks);
  }
  return {
    fileName: `job-${jobId}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body,
    count,
  };
}
