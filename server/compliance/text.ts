// Pure text rules of compliance: how content is normalised before the lexicon is matched, how a
// reply is recognised as an opt-out (退订), and how a signature is written. No database here.

/**
 * The screening form of a text. Matching a lexicon term is a substring test between the screening
 * forms of the term and of the content, so that the obvious evasions still match:
 *
 * 1. Unicode NFKC: full-width letters and digits become ASCII (ＡＢＣ１２ → ABC12), compatibility
 *    forms fold to their plain characters (e.g. circled ① → 1, ㈱ → (株)).
 * 2. Lower case (Unicode), so Latin terms match in any case.
 * 3. Only letters, digits and combining marks are kept: every space, punctuation mark, symbol,
 *    emoji, control and invisible format character (zero-width space, joiners) is removed, so
 *    "发 票", "发-票", "发​票" (zero-width space) and "发\n票" all read as "发票".
 *
 * The consequence worth knowing: a term matches across what were word boundaries ("代 开" inside
 * "…交代 开会…" reads as "代开"); the lexicon is about short, distinctive terms, so we prefer that
 * to missing an evasion. Traditional and simplified characters are not folded into each other.
 */
export function screeningForm(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "");
}

/** A lexicon term as stored: trimmed, NFKC (so ＶＩＰ and VIP are one term), inner spaces collapsed. */
export function tidyTerm(term: string): string {
  return term.normalize("NFKC").trim().replace(/\s+/g, " ");
}

export interface LexiconEntry {
  term: string;
  action: "BLOCK" | "REVIEW";
}

export interface ScreeningResult {
  verdict: "OK" | "BLOCK" | "REVIEW";
  blockTerms: string[];
  reviewTerms: string[];
}

/** A lexicon prepared for matching: each term with its screening form (terms with an empty one never match). */
export interface PreparedLexicon {
  entries: { term: string; action: "BLOCK" | "REVIEW"; form: string }[];
}

export function prepareLexicon(entries: readonly LexiconEntry[]): PreparedLexicon {
  return {
    entries: entries
      .map((e) => ({ term: e.term, action: e.action, form: screeningForm(e.term) }))
      .filter((e) => e.form.length > 0),
  };
}

/** BLOCK when any BLOCK term occurs, else REVIEW when any REVIEW term does, else OK; terms in lexicon order. */
export function screenAgainst(lexicon: PreparedLexicon, text: string): ScreeningResult {
  const form = screeningForm(text);
  const blockTerms: string[] = [];
  const reviewTerms: string[] = [];
  for (const entry of lexicon.entries) {
    if (!form.includes(entry.form)) continue;
    (entry.action === "BLOCK" ? blockTerms : reviewTerms).push(entry.term);
  }
  const verdict = blockTerms.length > 0 ? "BLOCK" : reviewTerms.length > 0 ? "REVIEW" : "OK";
  return { verdict, blockTerms, reviewTerms };
}

/** A keyword or reply compared for 退订: NFKC (full-width ＴＤ → TD), trimmed, lower case. */
export function keywordForm(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase();
}

const KEYWORD_FOLLOWER = /^[\s\p{P}\p{S}]/u;

/**
 * The opt-out keyword a reply uses, or null. The rule: after NFKC, trimming and lower-casing, the
 * reply either equals a keyword ("td", "退订") or starts with one immediately followed by a space,
 * a punctuation mark or a symbol ("TD。", "退订！", "T 谢谢", "stop-please"). A keyword followed by
 * a letter, digit or Chinese character is not an opt-out ("TDX", "Thanks", "退订单号多少" do not
 * count), so a short keyword like "T" does not catch ordinary replies that begin with that letter.
 * When several keywords match ("T" and "TD" for "td!"), the longest is reported. The keyword is
 * returned as configured.
 */
export function matchOptOutKeyword(reply: string, keywords: readonly string[]): string | null {
  const text = keywordForm(reply);
  if (!text) return null;
  let best: string | null = null;
  let bestLength = 0;
  for (const keyword of keywords) {
    const form = keywordForm(keyword);
    if (!form || form.length <= bestLength) continue;
    if (text === form || (text.startsWith(form) && KEYWORD_FOLLOWER.test(text.slice(form.length)))) {
      best = keyword;
      bestLength = form.length;
    }
  }
  return best;
}

export const OPT_OUT_KEYWORD_LIMITS = { maxKeywords: 50, maxLength: 20 } as const;

/**
 * The keyword list as it is stored: each tidied (NFKC, trimmed), empty lines dropped, duplicates
 * (compared case-insensitively) dropped keeping the first. Returns the problems instead when a
 * keyword is too long or contains a space (a keyword is one token, see matchOptOutKeyword).
 */
export function tidyOptOutKeywords(input: readonly string[]): { keywords: string[]; problems: string[] } {
  const keywords: string[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const raw of input) {
    const keyword = raw.normalize("NFKC").trim();
    if (!keyword) continue;
    if (keyword.length > OPT_OUT_KEYWORD_LIMITS.maxLength || /\s/.test(keyword)) {
      problems.push(keyword);
      continue;
    }
    const form = keywordForm(keyword);
    if (seen.has(form)) continue;
    seen.add(form);
    keywords.push(keyword);
  }
  return { keywords, problems };
}

const SIGNATURE = /^[\p{Script=Han}A-Za-z0-9]{2,12}$/u;

/**
 * A signature as typed, "【示例科技】" or "示例科技", as stored (without brackets), or null when it is
 * not 2–12 Chinese characters, Latin letters or digits. Full-width letters and digits are folded to
 * ASCII first; the brackets may be 【】 or [] and are optional.
 */
export function parseSignature(input: string): string | null {
  let text = input.trim();
  const bracketed = /^(?:【(.*)】|\[(.*)\]|［(.*)］)$/su.exec(text);
  if (bracketed) text = (bracketed[1] ?? bracketed[2] ?? bracketed[3] ?? "").trim();
  text = text.normalize("NFKC");
  return SIGNATURE.test(text) ? text : null;
}
