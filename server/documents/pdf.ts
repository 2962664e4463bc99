// The one way the project writes PDFs (contracts now; statements and invoices use the same):
// A4, Noto Sans SC embedded as a subset, Chinese type sizes, headings, paragraphs whose filled-in
// values are underlined, a ruled table, a footer with "第 N 页 共 M 页", and the metadata.
import PDFDocument from "pdfkit";
import { notoSansScFiles } from "./fonts";
import { breakLines, type Line, type Piece } from "./line-break";
import type { Paragraph } from "./text";

type Doc = PDFKit.PDFDocument;

export type FontWeight = "regular" | "bold";

/** Sizes in points after the Chinese 字号: 小二 18, 小四 12, 五号 10.5, 小五 9. */
export const SIZE = { title: 18, heading: 12, body: 10.5, small: 9 } as const;

export const COLOR = {
  text: "#000000",
  muted: "#555555",
  faint: "#999999",
  rule: "#333333",
  shade: "#eeeeee",
  highlight: "#fff3c4",
} as const;

/** Extra space between lines as a share of the font size: CJK text set solid reads cramped. */
const LINE_GAP = 0.55;

/** A4 with margins near 2.4 cm; the footer sits in the bottom margin. */
const MARGINS = { top: 68, bottom: 72, left: 68, right: 68 } as const;

/** An empty blank is printed as an underlined gap with room for handwriting, this many characters wide. */
const BLANK_CHARS = 6;

/** Filled values up to this many characters are not broken across lines (伍仟元整, 基础套餐, 2026). */
const KEEP_VALUE_CHARS = 8;

/** How a run is set: plain text, a filled-in value (underlined), or an empty blank (an underlined gap). */
type RunStyle = "plain" | "filled" | "blank";

export interface PdfOptions {
  /** Document title (metadata Title). */
  title: string;
  subject?: string;
  keywords?: string;
  /** Printed at the left of every page's footer, e.g. the document's number. */
  footer?: string;
  /** Printed faintly across every page, e.g. 预览 on a draft. */
  watermark?: string;
  /** CreationDate in the metadata (defaults to now). */
  createdAt?: Date;
}

export interface ParagraphOptions {
  x?: number;
  width?: number;
  /** First-line indent in points; Chinese prose indents two characters (see `indentChars`). */
  indent?: number;
  align?: "left" | "center" | "right";
  size?: number;
  bold?: boolean;
  color?: string;
  /** Space after the paragraph beyond the usual line pitch, in points (half the size by default). */
  gapAfter?: number;
  /** Width of an empty blank in characters (6 by default; fewer for the parts of a date). */
  blankChars?: number;
}

export interface TableColumn {
  header: string;
  /** Relative width; columns share the table's width in proportion. */
  weight: number;
  align?: "left" | "center" | "right";
}

export interface TableRow {
  cells: string[];
  /** Set in bold on a tinted background, e.g. the package a contract chose. */
  emphasis?: boolean;
}

export interface TableSpec {
  columns: TableColumn[];
  rows: TableRow[];
  size?: number;
}

/** A label (without its colon, which `labelled` adds) and its value. */
export interface LabelledLine {
  label: string;
  value: Paragraph;
}

/** Width of n full-width characters at a size: the unit Chinese layout is measured in. */
export const indentChars = (n: number, size: number = SIZE.body) => n * size;

export class PdfWriter {
  constructor(
    readonly doc: Doc,
    private readonly fontKeys: Record<FontWeight, string>,
  ) {}

  /** Sets the weight and size for what `doc` draws next. */
  font(weight: FontWeight, size: number = SIZE.body): Doc {
    return this.doc.font(this.fontKeys[weight]).fontSize(size);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }

  get width(): number {
    return this.right - this.left;
  }

  /** The lowest y text may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get y(): number {
    return this.doc.y;
  }

  /** Distance from one line's top to the next's at this size. */
  lineHeight(size: number = SIZE.body): number {
    return this.font("regular", size).currentLineHeight(true) + size * LINE_GAP;
  }

  newPage(): this {
    this.doc.addPage();
    return this;
  }

  /** Starts a new page unless `height` points still fit on this one (keeps headings with what follows). */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
    return this;
  }

  space(points: number): this {
    this.doc.y += points;
    return this;
  }

  title(text: string): this {
    return this.paragraph([{ text }], { size: SIZE.title, bold: true, align: "center", gapAfter: SIZE.title });
  }

  heading(text: string): this {
    this.ensureSpace(SIZE.body * 0.4 + this.lineHeight(SIZE.heading) + 3 * this.lineHeight());
    this.space(SIZE.body * 0.4);
    return this.paragraph([{ text }], { size: SIZE.heading, bold: true, gapAfter: SIZE.body * 0.4 });
  }

  subheading(text: string): this {
    this.ensureSpace(3 * this.lineHeight());
    return this.paragraph([{ text }], { bold: true, gapAfter: SIZE.body * 0.3 });
  }

  private weightOf(style: RunStyle, options: ParagraphOptions): FontWeight {
    return style === "plain" && options.bold ? "bold" : "regular";
  }

  private layout(paragraph: Paragraph, options: ParagraphOptions, width: number): Line<RunStyle>[] {
    const size = options.size ?? SIZE.body;
    const runs: Piece<RunStyle>[] = paragraph.map((segment) =>
      segment.blank
        ? { text: "　".repeat(options.blankChars ?? BLANK_CHARS), style: "blank" }
        : { text: segment.text, style: segment.filled ? "filled" : "plain" },
    );
    const measure = (piece: Piece<RunStyle>) =>
      this.font(this.weightOf(piece.style, options), size).widthOfString(piece.text);
    const indent = Math.min(options.indent ?? 0, width);
    const keep = (piece: Piece<RunStyle>) =>
      piece.style !== "plain" && Array.from(piece.text).length <= KEEP_VALUE_CHARS;
    return breakLines(runs, measure, { first: width - indent, rest: width }, keep);
  }

  /** Height a paragraph will take (without gapAfter), for table rows and keeping blocks together. */
  measure(paragraph: Paragraph, options: ParagraphOptions = {}): number {
    const size = options.size ?? SIZE.body;
    const width = options.width ?? this.right - (options.x ?? this.left);
    const lines = this.layout(paragraph, options, width);
    return lines.length * this.lineHeight(size) - size * LINE_GAP;
  }

  /**
   * A paragraph of runs, broken into lines by line-break.ts (Chinese rules across style changes),
   * filled values underlined, empty blanks drawn as an underlined gap. Flows onto new pages.
   */
  paragraph(paragraph: Paragraph, options: ParagraphOptions = {}): this {
    const doc = this.doc;
    const size = options.size ?? SIZE.body;
    const x = options.x ?? this.left;
    const width = options.width ?? this.right - x;
    const align = options.align ?? "left";
    const color = options.color ?? COLOR.text;
    const lineHeight = this.lineHeight(size);
    const textHeight = this.font("regular", size).currentLineHeight();
    const lines = this.layout(paragraph, options, width);

    lines.forEach((line, index) => {
      if (doc.y + textHeight > this.bottom) doc.addPage();
      const top = doc.y;
      const indent = index === 0 ? Math.min(options.indent ?? 0, width) : 0;
      const free = width - indent - line.width;
      let cursor = x + indent + (align === "right" ? free : align === "center" ? free / 2 : 0);
      for (const piece of line.pieces) {
        const pieceWidth = this.font(this.weightOf(piece.style, options), size).widthOfString(piece.text);
        doc.fillColor(color).text(piece.text, cursor, top, { lineBreak: false });
        if (piece.style !== "plain") {
          // Where pdfkit puts its own underline, as one stroke per value rather than per fragment.
          const underlineY = top + textHeight - 0.6;
          doc
            .save()
            .lineWidth(0.6)
            .strokeColor(color)
            .moveTo(cursor, underlineY)
            .lineTo(cursor + pieceWidth, underlineY)
            .stroke()
            .restore();
        }
        cursor += pieceWidth;
      }
      doc.y = top + lineHeight;
    });
    doc.x = this.left;
    doc.y += options.gapAfter ?? size * 0.5;
    return this;
  }

  /**
   * Label–value lines with the values aligned in a column, e.g. a party's 法定代表人 / 住所 / 联系电话.
   * labelWidth defaults to the widest label.
   */
  labelled(
    lines: LabelledLine[],
    options: { x?: number; width?: number; labelWidth?: number; size?: number; gapAfter?: number } = {},
  ): this {
    const doc = this.doc;
    const x = options.x ?? this.left;
    const width = options.width ?? this.right - x;
    const size = options.size ?? SIZE.body;
    const labels = lines.map((entry) => `${entry.label}：`);
    this.font("regular", size);
    const labelWidth = options.labelWidth ?? Math.max(...labels.map((label) => doc.widthOfString(label)));
    lines.forEach((entry, index) => {
      // A label never ends a page with its value on the next.
      this.ensureSpace(this.lineHeight(size));
      const top = doc.y;
      this.paragraph([{ text: labels[index] ?? "" }], { x, width: labelWidth, size, gapAfter: 0 });
      doc.y = top;
      const last = index === lines.length - 1;
      this.paragraph(entry.value, {
        x: x + labelWidth,
        width: width - labelWidth,
        size,
        gapAfter: last ? (options.gapAfter ?? size * 0.5) : size * 0.2,
      });
    });
    return this;
  }

  /** A ruled table with a shaded header row; the header repeats when rows run onto a new page. */
  table(spec: TableSpec): this {
    const doc = this.doc;
    const size = spec.size ?? SIZE.body;
    const padX = size * 0.6;
    const padY = size * 0.5;
    const totalWeight = spec.columns.reduce((sum, column) => sum + column.weight, 0);
    const widths = spec.columns.map((column) => (this.width * column.weight) / totalWeight);
    const cellOptions = (i: number, bold: boolean): ParagraphOptions => ({
      width: (widths[i] ?? 0) - 2 * padX,
      size,
      bold,
      align: spec.columns[i]?.align ?? "left",
      gapAfter: 0,
    });
    const cellHeight = (cell: string, i: number, bold: boolean) => this.measure([{ text: cell }], cellOptions(i, bold));
    const rowHeight = (cells: string[], bold: boolean) =>
      Math.max(...cells.map((cell, i) => cellHeight(cell, i, bold))) + 2 * padY;

    const drawRow = (cells: string[], bold: boolean, fill: string | null) => {
      const height = rowHeight(cells, bold);
      const top = doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        const width = widths[i] ?? 0;
        if (fill) doc.save().rect(x, top, width, height).fill(fill).restore();
        doc.save().lineWidth(0.6).strokeColor(COLOR.rule).rect(x, top, width, height).stroke().restore();
        doc.y = top + (height - cellHeight(cell, i, bold)) / 2;
        this.paragraph([{ text: cell }], { ...cellOptions(i, bold), x: x + padX });
        x += width;
      });
      doc.x = this.left;
      doc.y = top + height;
    };

    const header = spec.columns.map((column) => column.header);
    const drawHeader = () => drawRow(header, true, COLOR.shade);

    const first = spec.rows[0];
    this.ensureSpace(rowHeight(header, true) + (first ? rowHeight(first.cells, Boolean(first.emphasis)) : 0));
    drawHeader();
    for (const row of spec.rows) {
      const bold = Boolean(row.emphasis);
      if (doc.y + rowHeight(row.cells, bold) > this.bottom) {
        doc.addPage();
        drawHeader();
      }
      drawRow(row.cells, bold, row.emphasis ? COLOR.highlight : null);
    }
    doc.y += size * 0.8;
    return this;
  }
}

function createDocument(options: PdfOptions): PdfWriter {
  const files = notoSansScFiles();
  const doc = new PDFDocument({
    size: "A4",
    margins: { ...MARGINS },
    // Our font as the default keeps pdfkit from loading its Helvetica at all.
    font: files.regular,
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: {
      Title: options.title,
      Author: "企信通",
      Creator: "企信通",
      ...(options.subject ? { Subject: options.subject } : {}),
      ...(options.keywords ? { Keywords: options.keywords } : {}),
      ...(options.createdAt ? { CreationDate: options.createdAt } : {}),
    },
  });
  // The regular weight is selected by the path the constructor loaded it under: pdfkit caches
  // fonts by that key, and registering the same font again under a name would make it re-parse
  // the 10 MB file on every font switch (it finds the duplicate but never caches the name).
  doc.registerFont("bold", files.bold);
  const pdf = new PdfWriter(doc, { regular: files.regular, bold: "bold" });
  pdf.font("regular").fillColor(COLOR.text);
  return pdf;
}

/** Watermark and footer on every page, once the page count is known (bufferPages). */
function finishPages(pdf: PdfWriter, options: PdfOptions): void {
  const doc = pdf.doc;
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const page = doc.page;
    // Text in the bottom margin would otherwise make pdfkit start a new page.
    const bottomMargin = page.margins.bottom;
    page.margins.bottom = 0;

    if (options.watermark) {
      doc.save();
      pdf.font("bold", 96).fillColor("#000000").fillOpacity(0.07);
      const textWidth = doc.widthOfString(options.watermark);
      const cx = page.width / 2;
      const cy = page.height / 2;
      doc.rotate(-35, { origin: [cx, cy] });
      doc.text(options.watermark, cx - textWidth / 2, cy - 60, { lineBreak: false });
      doc.restore();
      doc.fillOpacity(1);
    }

    const left = page.margins.left;
    const width = page.width - page.margins.left - page.margins.right;
    const ruleY = page.height - bottomMargin + 22;
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor(COLOR.muted)
      .moveTo(left, ruleY)
      .lineTo(left + width, ruleY)
      .stroke()
      .restore();
    const footerOptions = { x: left, width, size: SIZE.small, color: COLOR.muted, gapAfter: 0 };
    if (options.footer) {
      doc.y = ruleY + 6;
      pdf.paragraph([{ text: options.footer }], footerOptions);
    }
    doc.y = ruleY + 6;
    pdf.paragraph([{ text: `第 ${index - range.start + 1} 页 共 ${range.count} 页` }], {
      ...footerOptions,
      align: "right",
    });
    page.margins.bottom = bottomMargin;
  }
}

/** Draws a document with `draw` and resolves to the finished PDF. */
export function renderPdf(options: PdfOptions, draw: (pdf: PdfWriter) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const pdf = createDocument(options);
    const chunks: Buffer[] = [];
    pdf.doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.doc.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.doc.on("error", reject);
    try {
      draw(pdf);
      finishPages(pdf, options);
      pdf.doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
