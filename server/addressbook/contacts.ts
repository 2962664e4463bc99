// The enterprise's address book (乙方 6: by default it may send only to these numbers). Every query
// is scoped to one enterprise; both the customer admin and operators manage contacts.
import { type EnterpriseActor, recordAudit } from "../audit/log";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { type ContactKindCode, contactMobile, LIMITS, mobileSearchDigits } from "./rules";
import { containsText } from "../search";

/** A customer user acting for their own enterprise. */

export const CONTACT_SORTS = ["name", "mobile", "createdAt", "updatedAt"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export interface ContactFilter {
  /** Part of the name (any case) or part of the number (+86 and separators ignored). */
  search?: string;
  groupId?: string;
  tag?: string;
  kind?: ContactKindCode;
}

export interface ContactQuery extends ContactFilter {
  page: number;
  pageSize: number;
  sort: ContactSort;
  dir: "asc" | "desc";
}

export function contactWhere(enterpriseId: string, filter: ContactFilter): Prisma.ContactWhereInput {
  const term = filter.search?.trim();
  const digits = term ? mobileSearchDigits(term) : null;
  return {
    enterpriseId,
    ...(term
      ? {
          OR: [
            { name: containsText(term) },
            ...(digits ? [{ mobile: containsText(digits, { caseSensitive: true }) }] : []),
          ],
        }
      : {}),
    ...(filter.groupId ? { groups: { some: { groupId: filter.groupId } } } : {}),
    ...(filter.tag ? { tags: { has: filter.tag } } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  };
}

const contactSelect = {
  id: true,
  name: true,
  mobile: true,
  kind: true,
  tags: true,
  note: true,
  createdAt: true,
  updatedAt: true,
  groups: { select: { group: { select: { id: true, name: true } } }, orderBy: { group: { name: "asc" } } },
} as const satisfies Prisma.ContactSelect;

type ContactRow = Prisma.ContactGetPayload<{ select: typeof contactSelect }>;

function contactView(c: ContactRow) {
  return {
    id: c.id,
    name: c.name,
    mobile: c.mobile,
    kind: c.kind,
    tags: c.tags,
    note: c.note,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    groups: c.groups.map((m) => m.group),
  };
}

export type ContactView = ReturnType<typeof contactView>;

export async function listContacts(
  db: DbTx,
  enterpriseId: string,
  query: ContactQuery,
): Promise<{ total: number; rows: ContactView[] }> {
  const where = contactWhere(enterpriseId, query);
  const [total, rows] = await Promise.all([
    db.contact.count({ where }),
    db.contact.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: contactSelect,
    }),
  ]);
  return { total, rows: rows.map(contactView) };
}

/** One contact of the enterprise; NOT_FOUND for unknown ids and for other enterprises' contacts alike. */
export async function getContact(db: DbTx, enterpriseId: string, contactId: string): Promise<ContactView> {
  const contact = await db.contact.findFirst({ where: { id: contactId, enterpriseId }, select: contactSelect });
  if (!contact) throw new AppError("NOT_FOUND");
  return contactView(contact);
}

/** Every tag in use, for the filter; alphabetical. */
export async function listTags(db: DbTx, enterpriseId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ tag: string }[]>`
    SELECT DISTINCT unnest(tags) AS tag FROM "Contact" WHERE "enterpriseId" = ${enterpriseId} ORDER BY tag LIMIT 500`;
  return rows.map((r) => r.tag);
}

export interface ContactInput {
  name: string;
  mobile: string;
  kind: ContactKindCode;
  tags?: string[];
  note?: string | null;
  /** The groups the contact belongs to after saving (all of them); omitted leaves them as they are. */
  groupIds?: string[];
}

interface CleanContact {
  name: string;
  mobile: string;
  kind: ContactKindCode;
  tags: string[];
  note: string | null;
}

function cleanInput(input: ContactInput): CleanContact {
  const mobile = contactMobile(input.mobile);
  if (!mobile) throw new AppError("MOBILE_INVALID");
  const name = input.name.trim();
  if (!name || name.length > LIMITS.name) throw new AppError("INVALID_REQUEST", { detail: "name" });
  const tags = [...new Set((input.tags ?? []).map((tag) => tag.trim()).filter(Boolean))];
  if (tags.length > LIMITS.tagsPerContact || tags.some((tag) => tag.length > LIMITS.tag))
    throw new AppError("INVALID_REQUEST", { detail: "tags" });
  const note = input.note?.trim() || null;
  if (note && note.length > LIMITS.note) throw new AppError("INVALID_REQUEST", { detail: "note" });
  return { name, mobile, kind: input.kind, tags, note };
}

/** The given group ids, each checked to be one of the enterprise's groups (NOT_FOUND otherwise). */
async function ownGroupIds(db: DbTx, enterpriseId: string, groupIds: string[]): Promise<string[]> {
  const unique = [...new Set(groupIds)];
  if (unique.length === 0) return [];
  const found = await db.contactGroup.findMany({ where: { id: { in: unique }, enterpriseId }, select: { id: true } });
  if (found.length !== unique.length) throw new AppError("NOT_FOUND");
  return unique;
}

async function assertNumberFree(db: DbTx, enterpriseId: string, mobile: string, exceptId?: string): Promise<void> {
  const holder = await db.contact.findUnique({
    where: { enterpriseId_mobile: { enterpriseId, mobile } },
    select: { id: true, name: true },
  });
  if (holder && holder.id !== exceptId) throw new AppError("CONTACT_DUPLICATE", { mobile, name: holder.name });
}

/** A concurrent save of the same number ends at the unique index; report it like the check does. */
async function duplicateGuard<T>(db: Db, enterpriseId: string, mobile: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      await assertNumberFree(db, enterpriseId, mobile);
    }
    throw error;
  }
}

export async function createContact(
  db: Db,
  actor: EnterpriseActor,
  input: ContactInput,
  now: Date,
): Promise<ContactView> {
  const data = cleanInput(input);
  return duplicateGuard(db, actor.enterpriseId, data.mobile, () =>
    db.$transaction(async (tx) => {
      await assertNumberFree(tx, actor.enterpriseId, data.mobile);
      const groupIds = await ownGroupIds(tx, actor.enterpriseId, input.groupIds ?? []);
      const created = await tx.contact.create({
        data: {
          ...data,
          enterpriseId: actor.enterpriseId,
          createdAt: now,
          updatedAt: now,
          groups: { create: groupIds.map((groupId) => ({ groupId })) },
        },
        select: contactSelect,
      });
      await recordAudit(
        tx,
        actor,
        {
          action: "addressbook.contact.created",
          entityType: "Contact",
          entityId: created.id,
          enterpriseId: actor.enterpriseId,
          detail: { name: data.name, mobile: data.mobile, kind: data.kind, groupIds },
        },
        now,
      );
      return contactView(created);
    }),
  );
}

export async function updateContact(
  db: Db,
  actor: EnterpriseActor,
  contactId: string,
  input: ContactInput,
  now: Date,
): Promise<ContactView> {
  const data = cleanInput(input);
  return duplicateGuard(db, actor.enterpriseId, data.mobile, () =>
    db.$transaction(async (tx) => {
      const before = await tx.contact.findFirst({
        where: { id: contactId, enterpriseId: actor.enterpriseId },
        select: contactSelect,
      });
      if (!before) throw new AppError("NOT_FOUND");
      if (data.mobile !== before.mobile) await assertNumberFree(tx, actor.enterpriseId, data.mobile, contactId);
      const beforeGroups = before.groups.map((m) => m.group.id).sort();
      const groupIds =
        input.groupIds === undefined
          ? beforeGroups
          : (await ownGroupIds(tx, actor.enterpriseId, input.groupIds)).sort();
      const updated = await tx.contact.update({
        where: { id: contactId },
        data: {
          ...data,
          updatedAt: now,
          ...(input.groupIds === undefined
            ? {}
            : { groups: { deleteMany: {}, create: groupIds.map((groupId) => ({ groupId })) } }),
        },
        select: contactSelect,
      });
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ["name", "mobile", "kind", "note"] as const) {
        if (before[key] !== data[key]) changes[key] = { from: before[key], to: data[key] };
      }
      if (before.tags.join("\u0000") !== data.tags.join("\u0000")) changes.tags = { from: before.tags, to: data.tags };
      if (beforeGroups.join(",") !== groupIds.join(",")) changes.groupIds = { from: beforeGroups, to: groupIds };
      if (Object.keys(changes).length > 0) {
        await recordAudit(
          tx,
          actor,
          {
            action: "addressbook.contact.updated",
            entityType: "Contact",
            entityId: contactId,
            enterpriseId: actor.enterpriseId,
            detail: changes as Prisma.InputJsonObject,
          },
          now,
        );
      }
      return contactView(updated);
    }),
  );
}

export async function deleteContact(db: Db, actor: EnterpriseActor, contactId: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const contact = await tx.contact.findFirst({
      where: { id: contactId, enterpriseId: actor.enterpriseId },
      select: { name: true, mobile: true },
    });
    if (!contact) throw new AppError("NOT_FOUND");
    // Group memberships go with it (ON DELETE CASCADE).
    await tx.contact.delete({ where: { id: contactId } });
    await recordAudit(
      tx,
      actor,
      {
        action: "addressbook.contact.deleted",
        entityType: "Contact",
        entityId: contactId,
        enterpriseId: actor.enterpriseId,
        detail: contact,
      },
      now,
    );
  });
}
