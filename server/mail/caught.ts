// The local catcher's mail for the back office (/bureau/mail): a paged list, one mail with its
// headers and text, and an attachment's bytes. FINANCE and bureau admins only (the router and the
// download route check the role).
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { containsText } from "../search";

export interface CaughtMailFilter {
  /** Part of the subject or a recipient. */
  search?: string;
  page: number;
  pageSize: number;
}

export async function listCaughtMails(db: DbTx, filter: CaughtMailFilter) {
  const search = filter.search?.trim();
  const where: Prisma.CaughtMailWhereInput = search
    ? { OR: [{ subject: containsText(search) }, { toHeader: containsText(search) }] }
    : {};
  const [total, rows] = await Promise.all([
    db.caughtMail.count({ where }),
    db.caughtMail.findMany({
      where,
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      select: {
        id: true,
        receivedAt: true,
        fromHeader: true,
        toHeader: true,
        subject: true,
        size: true,
        _count: { select: { attachments: true } },
      },
    }),
  ]);
  return { total, rows: rows.map(({ _count, ...r }) => ({ ...r, attachments: _count.attachments })) };
}

export async function getCaughtMail(db: DbTx, id: string) {
  const mail = await db.caughtMail.findUnique({
    where: { id },
    select: {
      id: true,
      messageId: true,
      envelopeFrom: true,
      envelopeTo: true,
      fromHeader: true,
      toHeader: true,
      subject: true,
      text: true,
      size: true,
      receivedAt: true,
      attachments: {
        select: { id: true, filename: true, contentType: true, size: true },
        orderBy: { filename: "asc" },
      },
    },
  });
  if (!mail) throw new AppError("NOT_FOUND");
  return mail;
}

export async function caughtAttachment(
  db: Db,
  id: string,
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  const attachment = await db.caughtMailAttachment.findUnique({
    where: { id },
    select: { filename: true, contentType: true, content: true },
  });
  if (!attachment) throw new AppError("NOT_FOUND");
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: Buffer.from(attachment.content),
  };
}
