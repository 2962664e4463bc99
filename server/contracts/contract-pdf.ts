// The service agreement as a PDF: the text from agreementSections, set with the shared pdf helpers,
// ending with the signature/seal page both parties sign and stamp.
import type { ContractTerms } from "./terms";
import { type AgreementDocument, agreementSections, type SignatureBlock } from "./agreement";
import { COLOR, indentChars, type LabelledLine, type PdfWriter, renderPdf, SIZE } from "../documents/pdf";
import { literal, paragraphText } from "../documents/text";

const FIRST_LINE_INDENT = indentChars(2);

function drawAgreementBody(pdf: PdfWriter, agreement: AgreementDocument): void {
  pdf.paragraph(agreement.header, { align: "right", size: SIZE.small, color: COLOR.muted, gapAfter: SIZE.body });
  pdf.title(agreement.title);

  for (const party of agreement.parties) pdf.labelled(party.lines, { gapAfter: SIZE.body });
  pdf.paragraph(agreement.intro, { indent: FIRST_LINE_INDENT });

  for (const section of agreement.sections) {
    pdf.heading(section.heading);
    for (const block of section.blocks) {
      if (block.kind === "subheading") {
        pdf.subheading(block.text);
      } else if (block.kind === "clause") {
        const number = block.number ? [literal(`${block.number}. `)] : [];
        pdf.paragraph([...number, ...block.text], { indent: FIRST_LINE_INDENT });
      } else {
        pdf.table({
          columns: [
            { header: block.table.columns[0] ?? "", weight: 3, align: "left" },
            { header: block.table.columns[1] ?? "", weight: 2.4, align: "right" },
            { header: block.table.columns[2] ?? "", weight: 2.6, align: "right" },
            { header: block.table.columns[3] ?? "", weight: 2.8, align: "right" },
          ],
          // The chosen package is marked in words too, so it survives black-and-white printing.
          rows: block.table.rows.map((row) => ({
            cells: row.cells.map((cell, i) => (i === 0 && row.chosen ? `${cell}（已选用）` : cell)),
            emphasis: row.chosen,
          })),
        });
      }
    }
  }

  for (const closing of agreement.closing) pdf.paragraph(closing, { indent: FIRST_LINE_INDENT });
}

/** Draws one row of the signature page in both columns and continues below the taller one. */
function sideBySide(pdf: PdfWriter, columns: [number, number], draw: (block: 0 | 1, x: number) => void): void {
  const top = pdf.y;
  let bottom = top;
  for (const index of [0, 1] as const) {
    pdf.doc.y = top;
    draw(index, columns[index]);
    bottom = Math.max(bottom, pdf.y);
  }
  pdf.doc.x = pdf.left;
  pdf.doc.y = bottom;
}

/** A dashed box where the party stamps its seal (a round seal is about 4 cm across). */
function drawSealBox(pdf: PdfWriter, x: number, width: number): void {
  const doc = pdf.doc;
  const boxWidth = Math.min(width, 150);
  const boxHeight = 120;
  const top = pdf.y;
  doc
    .save()
    .lineWidth(0.6)
    .strokeColor(COLOR.faint)
    .dash(3, { space: 3 })
    .rect(x, top, boxWidth, boxHeight)
    .stroke()
    .undash()
    .restore();
  doc.y = top + (boxHeight - pdf.measure([literal("盖章处")], { size: SIZE.small })) / 2;
  pdf.paragraph([literal("盖章处")], { x, width: boxWidth, align: "center", size: SIZE.small, color: COLOR.faint });
  doc.y = top + boxHeight + SIZE.body;
}

function drawSignaturePage(pdf: PdfWriter, agreement: AgreementDocument): void {
  const page = agreement.signaturePage;
  pdf.newPage();
  pdf.paragraph([literal(page.note)], { align: "center", gapAfter: SIZE.body * 2.5 });

  const gap = indentChars(3);
  const columnWidth = (pdf.width - gap) / 2;
  const columns: [number, number] = [pdf.left, pdf.left + columnWidth + gap];
  const blocks: [SignatureBlock, SignatureBlock] = page.parties;

  const lines = (pick: (block: SignatureBlock) => LabelledLine[], gapAfter: number) =>
    sideBySide(pdf, columns, (index, x) => pdf.labelled(pick(blocks[index]), { x, width: columnWidth, gapAfter }));

  lines((b) => [b.seal], SIZE.body);
  sideBySide(pdf, columns, (_index, x) => drawSealBox(pdf, x, columnWidth));
  lines((b) => [b.signatory], SIZE.body * 2);
  lines((b) => [b.bankName, b.bankAccount, b.signingPlace], SIZE.body * 1.5);
  sideBySide(pdf, columns, (index, x) => pdf.paragraph(blocks[index].date, { x, width: columnWidth, blankChars: 3 }));

  const notes = blocks.map((b) => b.onlineAcceptance);
  if (notes.some(Boolean)) {
    pdf.space(SIZE.body);
    sideBySide(pdf, columns, (index, x) => {
      const note = notes[index];
      if (note) pdf.paragraph([literal(note)], { x, width: columnWidth, size: SIZE.small, color: COLOR.muted });
    });
  }
}

/** The agreement for these terms as a Chinese PDF, ready to download, print, sign and seal. */
export function renderContractPdf(terms: ContractTerms): Promise<Buffer> {
  const agreement = agreementSections(terms);
  const reference = paragraphText(agreement.header);
  return renderPdf(
    {
      title: agreement.preview
        ? `${agreement.title}（预览）`
        : `${agreement.title} ${agreement.contractNumber ?? ""}`.trim(),
      subject: `甲方：${terms.bureau.name}；乙方：${terms.customer.name}`,
      keywords: [agreement.contractNumber ?? "预览", terms.customer.uscc, terms.package.nameZh].join(", "),
      footer: reference,
      ...(agreement.preview ? { watermark: "预览" } : {}),
    },
    (pdf) => {
      drawAgreementBody(pdf, agreement);
      drawSignaturePage(pdf, agreement);
    },
  );
}
