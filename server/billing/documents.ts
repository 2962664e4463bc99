// The statement (账单), settlement receipt (结算凭证) and credit note (贷项通知单) as Chinese PDFs, drawn
// with the project's one PDF writer. The platform never prints a 发票: the official electronic invoice
// is issued by the bureau's FINANCE in the tax system; the settlement receipt says so.
// Statements, invoices and credit notes print what was issued and nothing else: their rows are
// immutable (database triggers) and their parties and package come from the snapshot frozen at issue
// (./snapshot), never from the live bureau settings, enterprise or package. The change form is a
// request, not an issued document, and reads the live values.
import { formatChinaDate, formatChinaDateTime, fromDbDate, toChinaDate } from "../clock";
import type { DbTx } from "../db";
import { renderPdf, SIZE } from "../documents/pdf";
import { fill, literal } from "../documents/text";
import { CUSTOMER_ROLES } from "../auth/accounts";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/client";
import { fenToChineseCapitals, formatFen, formatLiAsYuan } from "../money";
import { priceInForce } from "../packages/prices";
import { creditNoteSnapshotSchema, invoiceSnapshotSchema, readSnapshot, statementSnapshotSchema } from "./snapshot";
import { formatRateBp, splitInclusive } from "./tax";
import { taxRateOn } from "./tax-rates";

export interface StatementDocument {
  number: string;
  period: string;
  issuedAt: Date;
  contractNumber: string;
  bureau: { name: string; bankName: string; bankAccount: string };
  customer: { name: string; uscc: string };
  packageName: string;
  activeFrom: string;
  activeTo: string;
  usedSegments: number;
  includedMessages: number;
  lines: { description: string; quantity: number; unitPrice: number; kind: string; amountFen: number }[];
  totalFen: number;
  windowStart: string;
  dueDate: string;
  graceEnd: string;
  lateFeeRatePpm: number;
  /** VAT rate in force on the day of issue, in basis points: the amounts include it. */
  taxRateBp: number;
}

/** The settlement receipt (结算凭证) of a settled statement: the money paid on it, split into amount excluding tax and tax. */
export interface InvoiceDocument {
  number: string;
  /** VAT rate in basis points (600 = 6 %). */
  taxRateBp: number;
  issuedOn: string;
  statementNumber: string;
  period: string;
  seller: { name: string; uscc: string };
  buyer: { name: string; uscc: string };
  amountFen: number;
}

export interface CreditNoteDocument {
  number: string;
  issuedOn: string;
  contractNumber: string;
  /** The statement it corrects. */
  statementNumber: string;
  period: string;
  statementTotalFen: number;
  bureau: { name: string };
  customer: { name: string; uscc: string };
  amountFen: number;
  reason: string;
}

const yuan = (fen: number) => formatFen(fen);
/** 500 ppm → "0.05%". */
const ppmAsPercent = (ppm: number) => `${(ppm / 10_000).toFixed(4).replace(/0+$/, "").replace(/\.$/, "")}%`;

export function renderStatementPdf(s: StatementDocument): Promise<Buffer> {
  return renderPdf(
    {
      title: `短信服务账单 ${s.number}`,
      subject: `${s.customer.name} ${s.period}`,
      keywords: [s.number, s.contractNumber, s.period].join(", "),
      footer: `账单编号 ${s.number}`,
      createdAt: s.issuedAt,
    },
    (pdf) => {
      pdf.title("集团短信应用服务账单");
      pdf.labelled([
        { label: "账单编号", value: [fill(s.number)] },
        { label: "计费周期", value: [fill(`${s.period}（${s.activeFrom} 至 ${s.activeTo}）`)] },
        { label: "出账时间", value: [fill(formatChinaDateTime(s.issuedAt))] },
        { label: "合同编号", value: [fill(s.contractNumber)] },
        { label: "甲方", value: [fill(s.bureau.name)] },
        { label: "乙方", value: [fill(s.customer.name)] },
        { label: "统一社会信用代码", value: [fill(s.customer.uscc)] },
        { label: "套餐", value: [fill(s.packageName)] },
        { label: "本期用量", value: [fill(`${s.usedSegments} 条（赠送 ${s.includedMessages} 条）`)] },
      ]);
      pdf.heading("费用明细");
      pdf.table({
        columns: [
          { header: "项目", weight: 5 },
          { header: "数量", weight: 1.3, align: "right" },
          { header: "单价（元）", weight: 1.5, align: "right" },
          { header: "金额（元）", weight: 1.6, align: "right" },
        ],
        rows: [
          ...s.lines.map((l) => ({
            cells: [
              l.description,
              String(l.quantity),
              l.kind === "OVERAGE" ? formatLiAsYuan(l.unitPrice) : yuan(l.unitPrice),
              yuan(l.amountFen),
            ],
          })),
          { cells: ["合计", "", "", yuan(s.totalFen)], emphasis: true },
        ],
      });
      pdf.paragraph(
        [
          literal("应付金额："),
          fill(`¥${yuan(s.totalFen)}`),
          literal("（大写："),
          fill(fenToChineseCapitals(s.totalFen)),
          literal("）"),
        ],
        { bold: true },
      );
      pdf.paragraph(
        [
          literal("以上金额均为含税金额（增值税税率 "),
          fill(formatRateBp(s.taxRateBp)),
          literal("），其中税额 "),
          fill(`¥${yuan(splitInclusive(s.totalFen, s.taxRateBp).taxFen)}`),
          literal("。"),
        ],
        { size: SIZE.small },
      );
      pdf.heading("缴费说明");
      pdf.paragraph([
        literal("缴费期："),
        fill(`${s.windowStart} 至 ${s.dueDate}`),
        literal("。宽限期至 "),
        fill(s.graceEnd),
        literal("，逾期按未付金额每日 "),
        fill(ppmAsPercent(s.lateFeeRatePpm)),
        literal(" 计收违约金；超过暂停阈值未结清的，暂停发送，结清后自动恢复。"),
      ]);
      pdf.paragraph(
        [
          literal("收款单位："),
          fill(s.bureau.name),
          literal("；开户行："),
          fill(s.bureau.bankName),
          literal("；账号："),
          fill(s.bureau.bankAccount),
          literal("。汇款请注明账单编号。"),
        ],
        { size: SIZE.small },
      );
    },
  );
}

export function renderInvoicePdf(i: InvoiceDocument): Promise<Buffer> {
  const split = splitInclusive(i.amountFen, i.taxRateBp);
  return renderPdf(
    {
      title: `结算凭证 ${i.number}`,
      subject: `${i.buyer.name} ${i.period}`,
      keywords: [i.number, i.statementNumber].join(", "),
      footer: `结算凭证编号 ${i.number}`,
    },
    (pdf) => {
      pdf.title("结算凭证");
      pdf.labelled([
        { label: "凭证编号", value: [fill(i.number)] },
        { label: "结算日期", value: [fill(i.issuedOn)] },
        { label: "付款方", value: [fill(i.buyer.name)] },
        { label: "付款方统一社会信用代码", value: [fill(i.buyer.uscc)] },
        { label: "收款方", value: [fill(i.seller.name)] },
        { label: "收款方统一社会信用代码", value: [fill(i.seller.uscc)] },
      ]);
      pdf.table({
        columns: [
          { header: "项目", weight: 4.4 },
          { header: "金额（不含税，元）", weight: 2, align: "right" },
          { header: "税率", weight: 1, align: "right" },
          { header: "税额（元）", weight: 1.6, align: "right" },
          { header: "含税金额（元）", weight: 1.8, align: "right" },
        ],
        rows: [
          {
            cells: [
              `集团短信应用服务费（${i.period}，账单 ${i.statementNumber}）`,
              yuan(split.exclusiveFen),
              formatRateBp(i.taxRateBp),
              yuan(split.taxFen),
              yuan(i.amountFen),
            ],
          },
          {
            cells: ["合计", yuan(split.exclusiveFen), "", yuan(split.taxFen), yuan(i.amountFen)],
            emphasis: true,
          },
        ],
      });
      pdf.paragraph(
        [
          literal("实收金额（含税，大写）："),
          fill(fenToChineseCapitals(i.amountFen)),
          literal("　（小写）"),
          fill(`¥${yuan(i.amountFen)}`),
        ],
        { bold: true },
      );
      pdf.paragraph(
        [literal("本凭证证明上述账单已结清，不作为税务凭证；增值税电子发票由甲方财务在税务系统另行开具。")],
        { size: SIZE.small },
      );
    },
  );
}

export function renderCreditNotePdf(c: CreditNoteDocument): Promise<Buffer> {
  return renderPdf(
    {
      title: `贷项通知单 ${c.number}`,
      subject: `${c.customer.name} ${c.statementNumber}`,
      keywords: [c.number, c.statementNumber, c.contractNumber].join(", "),
      footer: `贷项通知单编号 ${c.number}`,
    },
    (pdf) => {
      pdf.title("贷项通知单");
      pdf.labelled([
        { label: "通知单编号", value: [fill(c.number)] },
        { label: "开具日期", value: [fill(c.issuedOn)] },
        { label: "合同编号", value: [fill(c.contractNumber)] },
        {
          label: "更正的账单",
          value: [fill(`${c.statementNumber}（${c.period}，原账单金额 ¥${yuan(c.statementTotalFen)}）`)],
        },
        { label: "甲方", value: [fill(c.bureau.name)] },
        { label: "乙方", value: [fill(c.customer.name)] },
        { label: "统一社会信用代码", value: [fill(c.customer.uscc)] },
        { label: "原因", value: [fill(c.reason)] },
      ]);
      pdf.table({
        columns: [
          { header: "项目", weight: 5 },
          { header: "金额（元）", weight: 2, align: "right" },
        ],
        rows: [
          { cells: [`冲减账单 ${c.statementNumber} 应付金额`, `-${yuan(c.amountFen)}`] },
          { cells: ["冲减合计", `-${yuan(c.amountFen)}`], emphasis: true },
        ],
      });
      pdf.paragraph(
        [
          literal("冲减金额（大写）："),
          fill(fenToChineseCapitals(c.amountFen)),
          literal("　（小写）"),
          fill(`¥${yuan(c.amountFen)}`),
        ],
        { bold: true },
      );
      pdf.paragraph(
        [literal("本通知单所列金额记入乙方账户，优先冲抵所更正账单的未付金额，其余冲抵其他未付账单。原账单不作修改。")],
        { size: SIZE.small },
      );
    },
  );
}

/** The data of a statement's PDF; customers pass their enterprise and see only their own. */
export async function statementDocument(
  db: DbTx,
  statementId: string,
  enterpriseId: string | null,
): Promise<StatementDocument> {
  const s = await db.statement.findFirst({
    where: { id: statementId, ...(enterpriseId ? { enterpriseId } : {}) },
    include: { lines: { orderBy: { seq: "asc" } } },
  });
  if (!s) throw new AppError("NOT_FOUND");
  const snap = readSnapshot(statementSnapshotSchema, s.snapshot, `Statement ${s.number}`);
  const d = (value: Date) => formatChinaDate(fromDbDate(value));
  return {
    number: s.number,
    period: s.period,
    issuedAt: s.issuedAt,
    contractNumber: snap.contractNumber,
    bureau: { name: snap.bureau.name, bankName: snap.bureau.bankName, bankAccount: snap.bureau.bankAccount },
    customer: { name: snap.customer.name, uscc: snap.customer.uscc },
    packageName: snap.package.name,
    activeFrom: d(s.activeFrom),
    activeTo: d(s.activeTo),
    usedSegments: s.usedSegments,
    includedMessages: s.includedMessages,
    lines: s.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      kind: l.kind,
      amountFen: l.amountFen,
    })),
    totalFen: s.totalFen,
    windowStart: d(s.windowStart),
    dueDate: d(s.dueDate),
    graceEnd: d(s.graceEnd),
    lateFeeRatePpm: s.lateFeeRatePpm,
    taxRateBp: await taxRateOn(db, toChinaDate(s.issuedAt)),
  };
}

export async function invoiceDocument(
  db: DbTx,
  invoiceId: string,
  enterpriseId: string | null,
): Promise<InvoiceDocument> {
  const i = await db.invoice.findFirst({
    where: { id: invoiceId, ...(enterpriseId ? { enterpriseId } : {}) },
    include: { statement: true },
  });
  if (!i) throw new AppError("NOT_FOUND");
  const snap = readSnapshot(invoiceSnapshotSchema, i.snapshot, `Invoice ${i.number}`);
  return {
    number: i.number,
    taxRateBp: i.taxRateBp,
    issuedOn: formatChinaDate(fromDbDate(i.issuedOn)),
    statementNumber: i.statement.number,
    period: i.statement.period,
    seller: snap.seller,
    buyer: snap.buyer,
    amountFen: i.amountFen,
  };
}

/** The data of a credit note's PDF; customers pass their enterprise and see only their own. */
export async function creditNoteDocument(
  db: DbTx,
  creditNoteId: string,
  enterpriseId: string | null,
): Promise<CreditNoteDocument> {
  const c = await db.creditNote.findFirst({
    where: { id: creditNoteId, ...(enterpriseId ? { statement: { enterpriseId } } : {}) },
    include: { statement: true },
  });
  if (!c) throw new AppError("NOT_FOUND");
  const snap = readSnapshot(creditNoteSnapshotSchema, c.snapshot, `CreditNote ${c.number}`);
  return {
    number: c.number,
    issuedOn: formatChinaDate(fromDbDate(c.issuedOn)),
    contractNumber: snap.contractNumber,
    statementNumber: c.statement.number,
    period: c.statement.period,
    statementTotalFen: c.statement.totalFen,
    bureau: snap.bureau,
    customer: snap.customer,
    amountFen: c.amountFen,
    reason: c.reason,
  };
}

export interface ChangeFormDocument {
  contractNumber: string;
  customer: { name: string; uscc: string };
  bureauName: string;
  from: { name: string; baseFeeFen: number; includedMessages: number; overagePriceLi: number; dailyCap: number };
  to: { name: string; baseFeeFen: number; includedMessages: number; overagePriceLi: number; dailyCap: number };
  reason: string;
  submittedAt: Date;
  effectiveOn: string;
  status: "PENDING" | "APPLIED" | "WITHDRAWN";
}

const CHANGE_STATUS = { PENDING: "待生效", APPLIED: "已生效", WITHDRAWN: "已撤回" } as const;

/** 业务变更记录表 (二 6), printable for signature and seal. */
export function renderChangeFormPdf(f: ChangeFormDocument): Promise<Buffer> {
  return renderPdf(
    {
      title: `业务变更记录表 ${f.contractNumber}`,
      subject: f.customer.name,
      footer: `合同编号 ${f.contractNumber}`,
      ...(f.status === "WITHDRAWN" ? { watermark: "已撤回" } : {}),
    },
    (pdf) => {
      pdf.title("业务变更记录表");
      pdf.labelled([
        { label: "合同编号", value: [fill(f.contractNumber)] },
        { label: "乙方", value: [fill(f.customer.name)] },
        { label: "统一社会信用代码", value: [fill(f.customer.uscc)] },
        { label: "提交时间", value: [fill(formatChinaDateTime(f.submittedAt))] },
        { label: "生效日期", value: [fill(f.effectiveOn)] },
        { label: "状态", value: [fill(CHANGE_STATUS[f.status])] },
      ]);
      const row = (label: string, p: ChangeFormDocument["from"]) => ({
        cells: [
          label,
          p.name,
          yuan(p.baseFeeFen),
          String(p.includedMessages),
          formatLiAsYuan(p.overagePriceLi),
          String(p.dailyCap),
        ],
      });
      pdf.table({
        columns: [
          { header: "", weight: 1.2 },
          { header: "套餐项目", weight: 2 },
          { header: "基本月租（元）", weight: 1.6, align: "right" },
          { header: "赠送短信量（条）", weight: 1.7, align: "right" },
          { header: "超出后收费（元/条）", weight: 1.8, align: "right" },
          { header: "日最大发送量（条）", weight: 1.8, align: "right" },
        ],
        rows: [row("变更前", f.from), { ...row("变更后", f.to), emphasis: true }],
      });
      pdf.heading("变更原因");
      pdf.paragraph([fill(f.reason)]);
      pdf.paragraph(
        [
          literal(
            "依协议二 6 条，于每月变更截止日（含）前提交的，自次月 1 日起生效；截止日后提交的，自再下月 1 日起生效。",
          ),
        ],
        { size: SIZE.small },
      );
      pdf.space(SIZE.body * 2);
      pdf.labelled([
        { label: "乙方（盖章）", value: [fill(f.customer.name)] },
        { label: "甲方（盖章）", value: [fill(f.bureauName)] },
        { label: "日期", value: [literal("　　　　年　　月　　日")] },
      ]);
    },
  );
}

/** The data of a change form's PDF; customers pass their enterprise. */
export async function changeFormDocument(
  db: DbTx,
  requestId: string,
  enterpriseId: string | null,
): Promise<ChangeFormDocument> {
  const r = await db.packageChangeRequest.findFirst({
    where: { id: requestId, ...(enterpriseId ? { enterpriseId } : {}) },
    include: { contract: { include: { enterprise: true } } },
  });
  if (!r) throw new AppError("NOT_FOUND");
  const bureau = await db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } });
  const packageTerms = async (packageId: string, priceId: string | null, onDate: Date) => {
    const pkg = await db.package.findUniqueOrThrow({ where: { id: packageId }, include: { prices: true } });
    const price = pkg.prices.find((p) => p.id === priceId) ?? priceInForce(pkg.prices, onDate);
    if (!price) throw new AppError("PACKAGE_UNAVAILABLE");
    return {
      name: pkg.nameZh,
      baseFeeFen: price.baseFeeFen,
      includedMessages: price.includedMessages,
      overagePriceLi: price.overagePriceLi,
      dailyCap: pkg.isFree ? r.contract.freePackageDailyCap : price.dailyCap,
    };
  };
  return {
    contractNumber: r.contract.number,
    customer: { name: r.contract.enterprise.name, uscc: r.contract.enterprise.uscc },
    bureauName: bureau.name,
    from: await packageTerms(r.fromPackageId, r.fromPackagePriceId, r.effectiveOn),
    to: await packageTerms(r.toPackageId, r.toPackagePriceId, r.effectiveOn),
    reason: r.reason,
    submittedAt: r.submittedAt,
    effectiveOn: formatChinaDate(fromDbDate(r.effectiveOn)),
    status: r.status,
  };
}

/** A billing PDF for a signed-in user: customers get their own enterprise's, FINANCE and bureau admins any. */
export const BILLING_PDF_KINDS = ["statement", "invoice", "credit-note", "change-form"] as const;
export type BillingPdfKind = (typeof BILLING_PDF_KINDS)[number];

export async function billingPdfFor(
  db: DbTx,
  user: { role: Role; enterpriseId: string | null },
  kind: BillingPdfKind,
  id: string,
): Promise<{ pdf: Buffer; fileName: string }> {
  let scope: string | null;
  if (CUSTOMER_ROLES.includes(user.role) && user.enterpriseId) scope = user.enterpriseId;
  else if (user.role === "FINANCE" || user.role === "BUREAU_ADMIN") scope = null;
  else throw new AppError("NOT_FOUND");
  if (kind === "statement") {
    const data = await statementDocument(db, id, scope);
    return { pdf: await renderStatementPdf(data), fileName: `账单-${data.number}.pdf` };
  }
  if (kind === "credit-note") {
    const note = await creditNoteDocument(db, id, scope);
    return { pdf: await renderCreditNotePdf(note), fileName: `贷项通知单-${note.number}.pdf` };
  }
  if (kind === "change-form") {
    const form = await changeFormDocument(db, id, scope);
    return {
      pdf: await renderChangeFormPdf(form),
      fileName: `业务变更记录表-${form.contractNumber}-${form.effectiveOn}.pdf`,
    };
  }
  const data = await invoiceDocument(db, id, scope);
  return { pdf: await renderInvoicePdf(data), fileName: `结算凭证-${data.number}.pdf` };
}
