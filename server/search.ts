// The one way a search term becomes a database filter. PostgreSQL's LIKE/ILIKE treat `%`, `_` and
// `\` as pattern characters and Prisma's `contains` passes the term through unescaped, so a search
// for "%" or "_" would match every row: every search escapes its term here.

/** `term` as a literal inside a LIKE pattern (PostgreSQL's default escape character is `\`). */
export function escapeLikePattern(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A Prisma string filter for rows containing `term` literally; case-insensitive unless told otherwise. */
export function containsText(term: string, { caseSensitive = false }: { caseSensitive?: boolean } = {}) {
  return caseSensitive
    ? { contains: escapeLikePattern(term) }
    : { contains: escapeLikePattern(term), mode: "insensitive" as const };
}
