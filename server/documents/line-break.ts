// Line breaking for Chinese documents whose paragraphs mix styles (a filled-in value underlined in
// the middle of a sentence). pdfkit breaks each styled fragment on its own, so it will start a
// line with the "%" after "0.05" or split "0.05" from its "%"; here the paragraph is broken as one
// text, with the usual Chinese rules (禁则): no line starts with closing punctuation and none ends
// with opening punctuation, and Latin words and numbers stay whole.

export interface Piece<S> {
  text: string;
  style: S;
}

export interface Line<S> {
  pieces: Piece<S>[];
  width: number;
}

/** Characters that must not begin a line (行首禁则). */
const NO_LINE_START = new Set(Array.from("，。、；：？！）］｝」』】》〉〕…—–·%％‰℃’”,.;:!?)]}>"));
/** Characters that must not end a line (行尾禁则). */
const NO_LINE_END = new Set(Array.from("（［｛「『【《〈〔“‘([{<"));
/** Latin letters, digits and the punctuation inside numbers, codes and dates: kept together. */
const WORD = /[A-Za-z0-9.,:\-_/@#+&'*=~]/;

const isSpace = (ch: string) => ch === " " || ch === "\t";

interface Char<S> {
  ch: string;
  style: S;
  /** Index of the run it came from. */
  run: number;
  /** Its run is kept on one line (when it fits). */
  keep: boolean;
}

/** May a line break fall between these two characters? */
function canBreakBetween(before: string, after: string): boolean {
  if (isSpace(after)) return false;
  if (isSpace(before)) return true;
  if (NO_LINE_START.has(after) || NO_LINE_END.has(before)) return false;
  if (WORD.test(before) && WORD.test(after)) return false;
  return true;
}

function toPieces<S>(chars: Char<S>[]): Piece<S>[] {
  const pieces: Piece<S>[] = [];
  for (const { ch, style } of chars) {
    const last = pieces[pieces.length - 1];
    if (last && last.style === style) last.text += ch;
    else pieces.push({ text: ch, style });
  }
  return pieces;
}

/**
 * Breaks runs into lines no wider than the given widths (the first line may be narrower, for a
 * first-line indent). `measure` gives a piece's width in the caller's units; widths are summed per
 * unbreakable unit, which is exact for CJK (no kerning between ideographs). A word wider than a
 * whole line (a long account number) is cut where it must. "\n" forces a break.
 */
export function breakLines<S>(
  runs: Piece<S>[],
  measure: (piece: Piece<S>) => number,
  widths: { first: number; rest: number },
  /** Runs not to break inside, e.g. a short filled-in value such as 伍仟元整. */
  keepTogether: (piece: Piece<S>) => boolean = () => false,
): Line<S>[] {
  const widthOf = (chars: Char<S>[]) => toPieces(chars).reduce((sum, piece) => sum + measure(piece), 0);
  const lines: Line<S>[] = [];
  let line: Char<S>[] = [];
  let lineWidth = 0;
  /** Width of the spaces ending the line so far: they count only if something follows them. */
  let lineTrailing = 0;

  const available = () => (lines.length === 0 ? widths.first : widths.rest);
  const fits = (width: number) => lineWidth + width <= available() + 1e-6;
  const flush = () => {
    let end = line.length;
    while (end > 0 && isSpace(line[end - 1]?.ch ?? "")) end--;
    lines.push({ pieces: toPieces(line.slice(0, end)), width: lineWidth - lineTrailing });
    line = [];
    lineWidth = 0;
    lineTrailing = 0;
  };
  const append = (chars: Char<S>[], width: number, trailing: number) => {
    line.push(...chars);
    lineWidth += width;
    lineTrailing = trailing;
  };

  const place = (atom: Char<S>[]) => {
    // Spaces that would start a line are dropped, as a typesetter would.
    if (line.length === 0) {
      const first = atom.findIndex((c) => !isSpace(c.ch));
      atom = first < 0 ? [] : atom.slice(first);
    }
    if (atom.length === 0) return;
    let body = atom.length;
    while (body > 0 && isSpace(atom[body - 1]?.ch ?? "")) body--;
    const bodyWidth = widthOf(atom.slice(0, body));
    const trailing = body < atom.length ? widthOf(atom.slice(body)) : 0;
    if (fits(bodyWidth)) {
      append(atom, bodyWidth + trailing, trailing);
      return;
    }
    if (line.length > 0) {
      flush();
      place(atom);
      return;
    }
    // The unit alone is wider than a line: cut it character by character.
    for (const ch of atom.slice(0, body)) {
      const width = widthOf([ch]);
      if (line.length > 0 && !fits(width)) flush();
      append([ch], width, 0);
    }
  };

  const chars: Char<S>[] = runs.flatMap((piece, run) => {
    const keep = keepTogether(piece);
    return Array.from(piece.text, (ch) => ({ ch, style: piece.style, run, keep }));
  });
  let atom: Char<S>[] = [];
  for (const current of chars) {
    if (current.ch === "\n") {
      place(atom);
      atom = [];
      flush();
      continue;
    }
    const previous = atom[atom.length - 1];
    const sameKeptRun = previous?.keep && previous.run === current.run;
    if (previous && !sameKeptRun && canBreakBetween(previous.ch, current.ch)) {
      place(atom);
      atom = [];
    }
    atom.push(current);
  }
  place(atom);
  if (line.length > 0 || lines.length === 0) flush();
  return lines;
}
