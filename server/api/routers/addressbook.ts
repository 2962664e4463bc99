import { z } from "zod";
import {
  CONTACT_SORTS,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  listTags,
  updateContact,
} from "../../addressbook/contacts";
import {
  addGroupMembers,
  createGroup,
  deleteGroup,
  listGroups,
  removeGroupMembers,
  renameGroup,
} from "../../addressbook/groups";
import { discardImport, getImport, listImports, runImport } from "../../addressbook/import";
import { CONTACT_KINDS, LIMITS } from "../../addressbook/rules";
import { customerProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";

const id = z.string().min(1).max(64);
const ids = z.array(id).max(10_000);

const contactInput = z.object({
  name: text({ min: 1, max: LIMITS.name }),
  mobile: text({ min: 1, max: 40 }),
  kind: z.enum(CONTACT_KINDS),
  tags: z
    .array(text({ min: 1, max: LIMITS.tag }))
    .max(LIMITS.tagsPerContact)
    .default([]),
  note: text({ max: LIMITS.note, multiline: true }).nullish(),
  groupIds: z.array(id).max(LIMITS.groupsPerContact).optional(),
});

export const contactFilterInput = z.object({
  search: text({ max: 100 }).optional(),
  groupId: id.optional(),
  tag: text({ min: 1, max: LIMITS.tag }).optional(),
  kind: z.enum(CONTACT_KINDS).optional(),
});

const groupName = text({ min: 1, max: LIMITS.groupName });

/** Both the customer admin and operators manage the address book; everything is scoped to ctx.enterpriseId. */
export const addressbookRouter = router({
  contacts: router({
    list: customerProcedure
      .input(
        pageInput.extend(contactFilterInput.shape).extend({
          sort: z.enum(CONTACT_SORTS).default("name"),
          dir: z.enum(["asc", "desc"]).default("asc"),
        }),
      )
      .query(({ ctx, input }) => listContacts(ctx.db, ctx.enterpriseId, input)),

    get: customerProcedure
      .input(z.object({ id }))
      .query(({ ctx, input }) => getContact(ctx.db, ctx.enterpriseId, input.id)),

    tags: customerProcedure.query(({ ctx }) => listTags(ctx.db, ctx.enterpriseId)),

    create: customerProcedure
      .input(contactInput)
      .mutation(({ ctx, input }) =>
        createContact(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input, ctx.now),
      ),

    update: customerProcedure
      .input(contactInput.extend({ id }))
      .mutation(({ ctx, input: { id: contactId, ...input } }) =>
        updateContact(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, contactId, input, ctx.now),
      ),

    delete: customerProcedure
      .input(z.object({ id }))
      .mutation(({ ctx, input }) =>
        deleteContact(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.id, ctx.now),
      ),
  }),

  groups: router({
    list: customerProcedure.query(({ ctx }) => listGroups(ctx.db, ctx.enterpriseId)),

    create: customerProcedure
      .input(z.object({ name: groupName }))
      .mutation(({ ctx, input }) =>
        createGroup(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input, ctx.now),
      ),

    rename: customerProcedure
      .input(z.object({ id, name: groupName }))
      .mutation(({ ctx, input }) =>
        renameGroup(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.id, { name: input.name }, ctx.now),
      ),

    delete: customerProcedure
      .input(z.object({ id }))
      .mutation(({ ctx, input }) =>
        deleteGroup(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.id, ctx.now),
      ),

    addMembers: customerProcedure
      .input(z.object({ groupId: id, contactIds: ids }))
      .mutation(({ ctx, input }) =>
        addGroupMembers(
          ctx.db,
          { ...ctx.actor, enterpriseId: ctx.enterpriseId },
          input.groupId,
          input.contactIds,
          ctx.now,
        ),
      ),

    removeMembers: customerProcedure
      .input(z.object({ groupId: id, contactIds: ids }))
      .mutation(({ ctx, input }) =>
        removeGroupMembers(
          ctx.db,
          { ...ctx.actor, enterpriseId: ctx.enterpriseId },
          input.groupId,
          input.contactIds,
          ctx.now,
        ),
      ),
  }),

  /** Uploading (the preview) is POST /api/contacts/import, a multipart route handler. */
  imports: router({
    list: customerProcedure.query(({ ctx }) => listImports(ctx.db, ctx.enterpriseId)),

    get: customerProcedure
      .input(z.object({ id }))
      .query(({ ctx, input }) => getImport(ctx.db, ctx.enterpriseId, input.id)),

    /** Runs the whole import in this request, batch by batch; the page polls `get` for progress meanwhile. */
    run: customerProcedure
      .input(z.object({ id }))
      .mutation(({ ctx, input }) =>
        runImport(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.id, ctx.now),
      ),

    discard: customerProcedure
      .input(z.object({ id }))
      .mutation(({ ctx, input }) =>
        discardImport(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.id, ctx.now),
      ),
  }),
});
