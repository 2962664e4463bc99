// Contact groups (e.g. 全体员工, 重点客户): what a sender picks instead of typing numbers. A contact
// may be in any number of groups; deleting a group keeps its contacts.
import { type EnterpriseActor, recordAudit } from "../audit/log";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { LIMITS } from "./rules";

export interface GroupView {
  id: string;
  name: string;
  memberCount: number;
  createdAt: Date;
}

/** Every group of the enterprise with its member count, by name. */
export async function listGroups(db: DbTx, enterpriseId: string): Promise<GroupView[]> {
  const groups = await db.contactGroup.findMany({
    where: { enterpriseId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, createdAt: true, _count: { select: { members: true } } },
  });
  return groups.map((g) => ({ id: g.id, name: g.name, createdAt: g.createdAt, memberCount: g._count.members }));
}

function cleanName(name: string): string {
  const clean = name.trim();
  if (!clean || clean.length > LIMITS.groupName) throw new AppError("INVALID_REQUEST", { detail: "name" });
  return clean;
}

async function ownGroup(db: DbTx, enterpriseId: string, groupId: string) {
  const group = await db.contactGroup.findFirst({
    where: { id: groupId, enterpriseId },
    select: { id: true, name: true },
  });
  if (!group) throw new AppError("NOT_FOUND");
  return group;
}

function nameGuard(name: string) {
  return (error: unknown): never => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("GROUP_DUPLICATE", { name });
    throw error;
  };
}

export async function createGroup(
  db: Db,
  actor: EnterpriseActor,
  input: { name: string },
  now: Date,
): Promise<GroupView> {
  const name = cleanName(input.name);
  return db
    .$transaction(async (tx) => {
      const group = await tx.contactGroup.create({ data: { enterpriseId: actor.enterpriseId, name, createdAt: now } });
      await recordAudit(
        tx,
        actor,
        {
          action: "addressbook.group.created",
          entityType: "ContactGroup",
          entityId: group.id,
          enterpriseId: actor.enterpriseId,
          detail: { name },
        },
        now,
      );
      return { id: group.id, name: group.name, createdAt: group.createdAt, memberCount: 0 };
    })
    .catch(nameGuard(name));
}

export async function renameGroup(
  db: Db,
  actor: EnterpriseActor,
  groupId: string,
  input: { name: string },
  now: Date,
): Promise<void> {
  const name = cleanName(input.name);
  await db
    .$transaction(async (tx) => {
      const group = await ownGroup(tx, actor.enterpriseId, groupId);
      if (group.name === name) return;
      await tx.contactGroup.update({ where: { id: groupId }, data: { name } });
      await recordAudit(
        tx,
        actor,
        {
          action: "addressbook.group.renamed",
          entityType: "ContactGroup",
          entityId: groupId,
          enterpriseId: actor.enterpriseId,
          detail: { name: { from: group.name, to: name } },
        },
        now,
      );
    })
    .catch(nameGuard(name));
}

export async function deleteGroup(db: Db, actor: EnterpriseActor, groupId: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const group = await ownGroup(tx, actor.enterpriseId, groupId);
    const members = await tx.contactGroupMember.count({ where: { groupId } });
    await tx.contactGroup.delete({ where: { id: groupId } });
    await recordAudit(
      tx,
      actor,
      {
        action: "addressbook.group.deleted",
        entityType: "ContactGroup",
        entityId: groupId,
        enterpriseId: actor.enterpriseId,
        detail: { name: group.name, members },
      },
      now,
    );
  });
}

/**
 * Adds the enterprise's contacts among `contactIds` to the group; ids of other enterprises' contacts
 * (or unknown ones) are ignored, as are contacts already in it. Returns how many joined.
 */
export async function addGroupMembers(
  db: Db,
  actor: EnterpriseActor,
  groupId: string,
  contactIds: string[],
  now: Date,
): Promise<{ added: number }> {
  return db.$transaction(async (tx) => {
    await ownGroup(tx, actor.enterpriseId, groupId);
    const added = await tx.$executeRaw`
      INSERT INTO "ContactGroupMember" ("groupId", "contactId")
      SELECT ${groupId}, c.id FROM "Contact" c
      WHERE c."enterpriseId" = ${actor.enterpriseId} AND c.id = ANY(${[...new Set(contactIds)]}::text[])
      ON CONFLICT DO NOTHING`;
    if (added > 0) {
      await recordAudit(
        tx,
        actor,
        {
          action: "addressbook.group.membersAdded",
          entityType: "ContactGroup",
          entityId: groupId,
          enterpriseId: actor.enterpriseId,
          detail: { count: added },
        },
        now,
      );
    }
    return { added };
  });
}

export async function removeGroupMembers(
  db: Db,
  actor: EnterpriseActor,
  groupId: string,
  contactIds: string[],
  now: Date,
): Promise<{ removed: number }> {
  return db.$transaction(async (tx) => {
    await ownGroup(tx, actor.enterpriseId, groupId);
    const { count } = await tx.contactGroupMember.deleteMany({
      where: { groupId, contactId: { in: [...new Set(contactIds)] } },
    });
    if (count > 0) {
      await recordAudit(
        tx,
        actor,
        {
          action: "addressbook.group.membersRemoved",
          entityType: "ContactGroup",
          entityId: groupId,
          enterpriseId: actor.enterpriseId,
          detail: { count },
        },
        now,
      );
    }
    return { removed: count };
  });
}
