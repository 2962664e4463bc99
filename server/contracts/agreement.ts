// The service agreement (邮政集团短信应用服务协议, ../shared/seeds) as data, with every blank filled
// from the contract's terms. One structure feeds the on-screen preview, the PDF and text search,
// so the wording lives here once. The text is the template's, verbatim, except for the blanks.
import { type ChinaDate, formatChinaDateTime } from "../clock";
import type { ContractTerms, PackageRow, PartyDetails } from "./terms";
import { fenToChineseCapitals, formatFen, formatLiAsYuan } from "../money";
import { blank, fill, literal, type Paragraph, paragraphText, type Segment } from "../documents/text";

export type PartyRole = "甲方" | "乙方";

/** A label and its value; the label is without its colon ("法定代表人"), which renderers add. */
export interface LabelledLine {
  label: string;
  value: Paragraph;
}

/** A party as introduced at the top: its name line, then 法定代表人, 住所, 联系电话, 统一社会信用代码. */
export interface PartyBlock {
  role: PartyRole;
  lines: LabelledLine[];
}

export interface PriceTableRow {
  code: string;
  cells: string[];
  /** The package this contract chose (二 6). */
  chosen: boolean;
}

export interface PriceTable {
  columns: string[];
  rows: PriceTableRow[];
}

export type AgreementBlock =
  | { kind: "subheading"; text: string }
  /** number is the clause's own ("1", "2", ...), null for an unnumbered paragraph. */
  | { kind: "clause"; number: string | null; text: Paragraph }
  | { kind: "priceTable"; table: PriceTable };

export interface AgreementSection {
  heading: string;
  blocks: AgreementBlock[];
}

export interface SignatureBlock {
  role: PartyRole;
  seal: LabelledLine;
  signatory: LabelledLine;
  bankName: LabelledLine;
  bankAccount: LabelledLine;
  signingPlace: LabelledLine;
  date: Paragraph;
  /** "乙方已于 … 在线确认本协议" when the customer accepted online. */
  onlineAcceptance: string | null;
}

export interface SignaturePage {
  note: string;
  parties: [SignatureBlock, SignatureBlock];
}

export interface AgreementDocument {
  contractNumber: string | null;
  version: number;
  /** No contract number yet: a preview, not a document anyone signed. */
  preview: boolean;
  /** 合同编号：… 版本 N */
  header: Paragraph;
  title: string;
  parties: [PartyBlock, PartyBlock];
  intro: Paragraph;
  sections: AgreementSection[];
  closing: Paragraph[];
  signaturePage: SignaturePage;
}

export const AGREEMENT_TITLE = "邮政集团短信应用服务协议";

const BUREAU_SUFFIX = "电子邮政局";
const ARBITRATION_SUFFIX = "仲裁委员会";
const PACKAGE_SUFFIX = "套餐";

/**
 * A blank the template follows with a fixed suffix ("_____电子邮政局", "_____仲裁委员会", "_____套餐").
 * Names are stored either with or without that suffix (基础套餐, 示例市仲裁委员会); print a full
 * name whole rather than doubling the suffix.
 */
function fillBeforeSuffix(value: string, suffix: string): Segment[] {
  const name = value.trim();
  if (name.endsWith(suffix) && name.length > suffix.length) return [fill(name)];
  return [fill(name), literal(suffix)];
}

function withoutSuffix(value: string, suffix: string): string {
  const name = value.trim();
  return name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

function withSuffix(value: string, suffix: string): string {
  const name = value.trim();
  return name === "" || name.endsWith(suffix) ? name : name + suffix;
}

/** Parts per million as a percent without trailing zeros: 500 → "0.05", 1000 → "0.1", 10000 → "1". */
export function ppmAsPercent(ppm: number): string {
  if (!Number.isSafeInteger(ppm) || ppm < 0) throw new RangeError("rate must be a non-negative whole number of ppm");
  // 1 % is 10 000 ppm; integer arithmetic so 0.05 never prints as 0.049999….
  const whole = Math.floor(ppm / 10_000);
  const fraction = String(ppm % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return fraction === "" ? String(whole) : `${whole}.${fraction}`;
}

/** Fen in figures without thousands separators, as written into a blank: 500000 → "5000.00". */
export function fenInFigures(fen: number): string {
  return formatFen(fen).replaceAll(",", "");
}

/** Year, month and day each fill their own blank ("_____年_____月_____日"); null leaves the blanks. */
function dateBlanks(date: ChinaDate | null): Paragraph {
  if (!date) return [blank(), literal("年"), blank(), literal("月"), blank(), literal("日")];
  return [fill(date.year), literal("年"), fill(date.month), literal("月"), fill(date.day), literal("日")];
}

const line = (label: string, value: Paragraph): LabelledLine => ({ label, value });

function partyBlock(role: PartyRole, name: Paragraph, party: PartyDetails): PartyBlock {
  return {
    role,
    lines: [
      line(role, name),
      line("法定代表人", [fill(party.legalRepresentative)]),
      line("住所", [fill(party.address)]),
      line("联系电话", [fill(party.phone)]),
      line("统一社会信用代码", [fill(party.uscc)]),
    ],
  };
}

const clause = (number: string | null, ...text: Segment[]): AgreementBlock => ({ kind: "clause", number, text });
const plain = (number: string | null, text: string): AgreementBlock => clause(number, literal(text));

function priceTable(terms: ContractTerms): PriceTable {
  return {
    columns: ["套餐项目", "基本月租 (元)", "赠送短信量 (条)", "超出后收费 (元/条)"],
    rows: terms.catalogue.map((row: PackageRow) => ({
      code: row.code,
      cells: [row.nameZh, formatFen(row.baseFeeFen), String(row.includedMessages), formatLiAsYuan(row.overagePriceLi)],
      chosen: row.code === terms.package.code,
    })),
  };
}

function signatureBlock(
  role: PartyRole,
  sealName: string,
  party: PartyDetails,
  terms: ContractTerms,
  onlineAcceptance: string | null,
): SignatureBlock {
  return {
    role,
    seal: line(`${role}（盖章）`, [fill(sealName)]),
    // The representative's name is printed; the signature itself is by hand (or the online acceptance).
    signatory: line(`${role}代表签名`, [fill(party.legalRepresentative)]),
    bankName: line("开户行", [fill(party.bankName)]),
    bankAccount: line("账号", [fill(party.bankAccount)]),
    signingPlace: line("签订地点", [fill(terms.signingPlace)]),
    date: dateBlanks(terms.signedOn),
    onlineAcceptance,
  };
}

/** The agreement for these terms, every blank filled (or left blank where a preview has no value yet). */
export function agreementSections(terms: ContractTerms): AgreementDocument {
  const bureauName = terms.bureau.name;
  const bureauFullName = withSuffix(bureauName, BUREAU_SUFFIX);
  const start = terms.startDate;
  const end = terms.endDate;

  // Not a blank of the template: the document's own reference, so plain text.
  const header: Paragraph = [literal(`合同编号：${terms.contractNumber ?? "预览"}　版本 ${terms.version}`)];

  const sections: AgreementSection[] = [
    {
      heading: "一、双方权利与义务",
      blocks: [
        { kind: "subheading", text: "甲方权利与义务：" },
        plain(
          "1",
          "甲方向乙方提供由甲方授权的集团短消息软件或服务平台供乙方使用，并协助乙方进行软件的安装和服务平台的调试，确保乙方能在规定的应用环境下正常使用此软件。",
        ),
        plain("2", "甲方将在甲乙双方合作过程中严格遵守《中华人民共和国电信条例》。"),
        plain(
          "3",
          "甲方负责人员对乙方客户资料、通话资料和商业秘密具有保密责任，不对甲乙双方合作以外人员或团体以及甲乙双方非相关人员透露上述资料。",
        ),
        plain("4", "甲方将负责对乙方操作管理员进行指导和培训。"),
        plain("5", "甲方负责免费对客户使用的终端软件进行维护工作，平台维护工作将由甲方联系平台开发商提供技术支持。"),
        { kind: "subheading", text: "乙方权利和义务：" },
        plain(
          "1",
          "乙方在使用集团短信软件时必须注意账号和密码的保管，由于乙方自身管理不善而产生的后果由乙方自行承担。",
        ),
        plain("2", "乙方通过短信应用服务只能作为内部办公管理和为其客户服务的用途。"),
        plain(
          "3",
          "乙方在使用甲方提供的集团短信软件时严禁发布有关违反国家法令法规、损害公众利益、影响甲方企业形象或骚扰乙方客户群以外其他移动客户等的信息内容，否则甲方有权单方面立即终止本协议，停止为乙方提供短信应用服务，乙方将承担由此所引发的所有法律纠纷并赔偿甲方由此引发的所有经济损失（包括但不限于移动运营商对甲方的罚款）。",
        ),
        plain(
          "4",
          "乙方不得以任何理由将甲方提供的此系统用于本合同约定内容以外的商业牟利，否则由此引发的一切后果将由乙方承担，同时甲方有权中止为乙方提供的相应服务并追究乙方相应法律责任。",
        ),
        plain(
          "5",
          "由于乙方人为原因造成软件和平台无法工作，影响甲方提供的本协议约定服务而导致乙方的任何损失，由乙方自行承担。",
        ),
        plain(
          "6",
          "乙方集团内部的短信息发送只能限定在企业内部特定的用户，未经甲方书面同意不能发送给乙方内部员工及其客户之外的其他用户。",
        ),
      ],
    },
    {
      heading: "二、计费与结算",
      blocks: [
        plain("1", "甲方下行短信量（下行短信指通过短信发送软件或服务平台向移动电话发短消息）的收费标准如下表："),
        { kind: "priceTable", table: priceTable(terms) },
        clause(
          "2",
          literal("根据乙方所选套餐，设定每日最大发送量为赠送短信数量"),
          fill(terms.package.dailyCap),
          literal("条。如果选择自由套餐，企业日最大发送量为"),
          fill(terms.freePackageDailyCap),
          literal("条。"),
        ),
        plain(
          "3",
          "在甲方为乙方提供企信通短信应用服务期间，乙方每月（指计费周期：每月1日00:00至当月最后1日24:00）的短消息费用以人民币结清，甲方在乙方结清当月费用后，开具当月的发票。",
        ),
        clause(
          "4",
          literal("乙方应在每月"),
          fill(terms.paymentWindowStartDay),
          literal("日至"),
          fill(terms.paymentWindowEndDay),
          literal(
            "日缴清上一计费周期短消息下行费用，结算方法采用现金缴费方式，以支票或银行划账形式向甲方缴纳短信费；对于乙方逾期缴纳短消息费的情况，甲方将给予乙方",
          ),
          fill(terms.graceDays),
          literal("天宽限期。宽限期内甲方不停止向乙方提供短消息服务，同时，乙方每逾期一天应按所欠费用的"),
          fill(ppmAsPercent(terms.lateFeeRatePpm)),
          literal("%支付违约金；超过"),
          fill(terms.suspensionAfterDays),
          literal("日后，甲方有权暂停乙方企信通短信应用服务，并追究相应的法律责任。"),
        ),
        clause(
          "5",
          literal("在甲方为乙方提供企信通短信应用服务期间，收取乙方"),
          fill(fenInFigures(terms.depositFen)),
          literal("元（大写："),
          fill(fenToChineseCapitals(terms.depositFen)),
          literal("）押金，乙方在使用期间没有发生违约行为，协议终止时退还。"),
        ),
        clause(
          "6",
          literal("本协议签订时，请在此注明已选用"),
          ...fillBeforeSuffix(terms.package.nameZh, PACKAGE_SUFFIX),
          literal("，如乙方需要更改套餐，于每月的"),
          fill(terms.changeCutoffDay),
          literal(
            "日前以填写《业务变更记录表》的形式确认，附在此协议后面。并在提出申请后的下一个月1日起生效。未尽事宜，双方友好协商解决。",
          ),
        ),
        plain(
          "7",
          "由于移动运营商的政策、法规的改变而使本协议无法执行的，应以移动运营商政策和法规为准，本协议同时终止。",
        ),
      ],
    },
    {
      heading: "三、协议有效期",
      blocks: [
        clause(
          null,
          literal("本协议经双方签字盖章后生效，协议有效期为"),
          ...dateBlanks(start),
          literal("至"),
          fill(end.year),
          literal("年"),
          fill(end.month),
          literal("月最后一日"),
          // Validity ends at the end of the month's last day (三); the template writes that time as 24：00.
          fill("24"),
          literal("："),
          fill("00"),
          literal("。"),
        ),
        clause(
          null,
          literal("协议到期后若双方均无异议，则协议有效期可顺延"),
          fill(terms.renewalYears),
          literal("年；若一方有异议，须提前"),
          fill(terms.objectionNoticeDays),
          literal("天向对方提出。如遇特殊情况需要提前终止协议须经双方协商同意后方可生效。"),
        ),
      ],
    },
    {
      heading: "四、其他",
      blocks: [
        plain(
          null,
          "对于未能预见的不可抗力自然灾害等事件致使本协议有关规定无法执行的，一方对另一方因此所受的损失不承担任何责任。如遇上述不可抗力事件，双方可协商决定是否继续履行本协议。",
        ),
        clause(
          null,
          literal("本协议未尽事宜由双方协商解决或签订补充协议；若协商不成，双方均有权提交"),
          ...fillBeforeSuffix(terms.arbitrationCommission, ARBITRATION_SUFFIX),
          literal("仲裁解决。"),
        ),
      ],
    },
  ];

  const onlineAcceptance = terms.acceptedOnlineAt
    ? `乙方已于 ${formatChinaDateTime(terms.acceptedOnlineAt)}（北京时间）在线确认本协议`
    : null;

  return {
    contractNumber: terms.contractNumber,
    version: terms.version,
    preview: terms.contractNumber === null,
    header,
    title: AGREEMENT_TITLE,
    parties: [
      partyBlock("甲方", fillBeforeSuffix(bureauName, BUREAU_SUFFIX), terms.bureau),
      partyBlock("乙方", [fill(terms.customer.name)], terms.customer),
    ],
    intro: [
      literal("为了提高乙方用户的工作效率，节约办公成本，为企业内部管理与对外的沟通提供更多、更快捷的沟通渠道，"),
      fill(withoutSuffix(bureauName, BUREAU_SUFFIX)),
      literal("邮政为乙方用户提供“企业短信通”（以下简称企信通）短信群发业务。经甲乙双方友好协商，达成协议如下："),
    ],
    sections,
    closing: [[literal("本协议一式肆份，双方各执贰份，具同等法律效力。")], [literal("（以下无正文，转合同签章页）")]],
    signaturePage: {
      note: "(本页无正文，为合同签章页)",
      parties: [
        signatureBlock("甲方", bureauFullName, terms.bureau, terms, null),
        signatureBlock("乙方", terms.customer.name, terms.customer, terms, onlineAcceptance),
      ],
    },
  };
}

const lineText = ({ label, value }: LabelledLine, separator = "：") => label + separator + paragraphText(value);

/** The whole agreement as text, one paragraph a line, in the template's order (for tests and search). */
export function agreementPlainText(doc: AgreementDocument): string {
  const out: string[] = [paragraphText(doc.header), doc.title];
  for (const party of doc.parties) out.push(...party.lines.map((entry) => lineText(entry)));
  out.push(paragraphText(doc.intro));
  for (const section of doc.sections) {
    out.push(section.heading);
    for (const block of section.blocks) {
      if (block.kind === "subheading") out.push(block.text);
      else if (block.kind === "clause") out.push((block.number ? `${block.number}. ` : "") + paragraphText(block.text));
      else {
        out.push(block.table.columns.join("\t"));
        for (const row of block.table.rows) out.push(row.cells.join("\t"));
      }
    }
  }
  for (const closing of doc.closing) out.push(paragraphText(closing));

  // The signature page sets the two parties side by side; as text, the template reads across the rows.
  const [a, b] = doc.signaturePage.parties;
  out.push(doc.signaturePage.note);
  // The template puts a space after the colon on this page ("甲方（盖章）： _____").
  for (const key of ["seal", "signatory", "bankName", "bankAccount", "signingPlace"] as const) {
    out.push(lineText(a[key], "： "), lineText(b[key], "： "));
  }
  out.push(paragraphText(a.date), paragraphText(b.date));
  for (const party of [a, b]) if (party.onlineAcceptance) out.push(party.onlineAcceptance);
  return out.join("\n");
}
