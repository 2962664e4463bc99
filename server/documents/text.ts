// Rich-enough text for documents: a paragraph is a list of runs, and a run remembers whether it
// is a value put into a template's blank (so the preview and the PDF can emphasise it) or a
// blank still waiting for its value (a preview before everything is known).

/** The blank as the agreement template writes it. */
export const BLANK = "_____";

export interface Segment {
  text: string;
  /** A value filled into a blank of the template. */
  filled?: boolean;
  /** A blank with no value yet; its text is BLANK. */
  blank?: boolean;
}

export type Paragraph = Segment[];

export const literal = (text: string): Segment => ({ text });

export const blank = (): Segment => ({ text: BLANK, blank: true });

/** A value for a blank, or the blank itself when there is no value (empty or whitespace). */
export function fill(value: string | number | null | undefined): Segment {
  const text = value === null || value === undefined ? "" : String(value).trim();
  return text === "" ? blank() : { text, filled: true };
}

export function paragraphText(paragraph: Paragraph): string {
  return paragraph.map((segment) => segment.text).join("");
}
