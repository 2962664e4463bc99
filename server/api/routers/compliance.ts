// Compliance: signatures, consents (乙方 6), opt-outs (退订), the lexicon (乙方 3) and violations.
// The consent application itself is a multipart upload: app/portal/compliance/consents/apply/route.ts.
import { z } from "zod";
import { approveConsent, getConsent, listConsents, rejectConsent, withdrawConsent } from "../../compliance/consents";
import {
  createLexiconTerm,
  deleteLexiconTerm,
  LEXICON_TERM_MAX,
  listLexicon,
  screenContent,
  updateLexiconTerm,
} from "../../compliance/lexicon";
import {
  listOptOuts,
  listOptOutsForStaff,
  optOutKeywords,
  removeOptOut,
  updateOptOutKeywords,
} from "../../compliance/replies";
import {
  approveSignature,
  enterpriseSignatures,
  listSignatures,
  rejectSignature,
  submitSignature,
  withdrawSignature,
} from "../../compliance/signatures";
import {
  approveHeldJob,
  listReviewQueue,
  REVIEW_NOTE_MAX,
  REVIEW_QUEUE_STATES,
  rejectHeldJob,
} from "../../sending/review";
import { complianceSummary, enterpriseOptions } from "../../compliance/summary";
import { listViolations, recordViolation, VIOLATION_KINDS } from "../../compliance/violations";
import { bureauProcedure, customerAdminProcedure, customerProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";
import { LexiconAction, RequestStatus } from "../../generated/prisma/enums";

const id = z.string().min(1).max(64);
const status = z.enum(RequestStatus);
const reason = text({ max: 1000, multiline: true, trim: false });
const search = text({ max: 100 }).optional();
const reviewer = () => bureauProcedure("COMPLIANCE");

const lexiconTermInput = z.object({
  term: text({ max: LEXICON_TERM_MAX * 2, trim: false }),
  action: z.enum(LexiconAction),
  note: text({ max: 500, multiline: true, trim: false }).nullish(),
});

export const complianceRouter = router({
  /** Counts for the back office's compliance home. */
  summary: reviewer().query(({ ctx }) => complianceSummary(ctx.db)),

  /** Enterprises to pick from in the staff filters. */
  enterprises: reviewer().query(({ ctx }) => enterpriseOptions(ctx.db)),

  signature: router({
    // ---- customer side: always the caller's own enterprise ----
    mine: customerProcedure.query(({ ctx }) => enterpriseSignatures(ctx.db, ctx.enterpriseId)),
    submit: customerAdminProcedure
      .input(z.object({ text: text({ max: 40, trim: false }) }))
      .mutation(({ ctx, input }) =>
        submitSignature(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.text, ctx.now),
      ),
    withdraw: customerAdminProcedure
      .input(z.object({ id }))
      .mutation(({ ctx, input }) =>
        withdrawSignature(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.id, ctx.now),
      ),
    // ---- COMPLIANCE ----
    queue: reviewer()
      .input(pageInput.extend({ status: status.default("PENDING") }))
      .query(({ ctx, input }) => listSignatures(ctx.db, input)),
    approve: reviewer()
      .input(z.object({ id }))
      .mutation(({ ctx, input }) => approveSignature(ctx.db, ctx.actor, input.id, ctx.now)),
    reject: reviewer()
      .input(z.object({ id, reason }))
      .mutation(({ ctx, input }) => rejectSignature(ctx.db, ctx.actor, input.id, input.reason, ctx.now)),
  }),

  consent: router({
    mine: customerProcedure
      .input(pageInput.extend({ status: status.optional() }))
      .query(({ ctx, input }) => listConsents(ctx.db, { ...input, enterpriseId: ctx.enterpriseId })),
    mineGet: customerProcedure
      .input(z.object({ id }))
      .query(({ ctx, input }) => getConsent(ctx.db, input.id, ctx.enterpriseId)),
    withdraw: customerAdminProcedure
      .input(z.object({ id }))
      .mutation(({ ctx, input }) =>
        withdrawConsent(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.id, ctx.now),
      ),
    queue: reviewer()
      .input(pageInput.extend({ status: status.default("PENDING"), enterpriseId: id.optional() }))
      .query(({ ctx, input }) => listConsents(ctx.db, input)),
    get: reviewer()
      .input(z.object({ id }))
      .query(({ ctx, input }) => getConsent(ctx.db, input.id)),
    approve: reviewer()
      .input(
        z.object({
          id,
          /** null: every requested number. */
          numbers: z
            .array(text({ max: 40, trim: false }))
            .max(100_000)
            .nullable(),
          validUntilDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
          note: text({ max: 1000, multiline: true, trim: false }).nullish(),
        }),
      )
      .mutation(({ ctx, input }) => approveConsent(ctx.db, ctx.actor, input.id, input, ctx.now)),
    reject: reviewer()
      .input(z.object({ id, reason }))
      .mutation(({ ctx, input }) => rejectConsent(ctx.db, ctx.actor, input.id, input.reason, ctx.now)),
  }),

  optOut: router({
    mine: customerProcedure
      .input(pageInput.extend({ search }))
      .query(({ ctx, input }) => listOptOuts(ctx.db, ctx.enterpriseId, input)),
    list: reviewer()
      .input(pageInput.extend({ enterpriseId: id, search }))
      .query(({ ctx, input }) => listOptOutsForStaff(ctx.db, ctx.actor, input.enterpriseId, input, ctx.now)),
    /** On the recipient's request to the bureau only: customers cannot remove entries. */
    remove: reviewer()
      .input(z.object({ id, reason }))
      .mutation(({ ctx, input }) => removeOptOut(ctx.db, ctx.actor, input.id, input.reason, ctx.now)),
    keywords: bureauProcedure().query(({ ctx }) => optOutKeywords(ctx.db)),
    /** The keyword list is bureau configuration: only a bureau admin changes it. */
    updateKeywords: bureauProcedure("BUREAU_ADMIN")
      .input(z.object({ keywords: z.array(text({ max: 100, trim: false })).max(200) }))
      .mutation(({ ctx, input }) => updateOptOutKeywords(ctx.db, ctx.actor, input.keywords, ctx.now)),
  }),

  lexicon: router({
    list: reviewer()
      .input(pageInput.extend({ search, action: z.enum(LexiconAction).optional() }))
      .query(({ ctx, input }) => listLexicon(ctx.db, input)),
    create: reviewer()
      .input(lexiconTermInput)
      .mutation(({ ctx, input }) => createLexiconTerm(ctx.db, ctx.actor, input, ctx.now)),
    update: reviewer()
      .input(lexiconTermInput.extend({ id }))
      .mutation(({ ctx, input }) => updateLexiconTerm(ctx.db, ctx.actor, input.id, input, ctx.now)),
    remove: reviewer()
      .input(z.object({ id }))
      .mutation(({ ctx, input }) => deleteLexiconTerm(ctx.db, ctx.actor, input.id, ctx.now)),
    /** Try a text against the lexicon as sending would. */
    screen: reviewer()
      .input(z.object({ text: text({ max: 2000, multiline: true, trim: false }) }))
      .mutation(({ ctx, input }) => screenContent(ctx.db, input.text)),
  }),

  review: router({
    queue: reviewer()
      .input(pageInput.extend({ state: z.enum(REVIEW_QUEUE_STATES).default("HELD"), enterpriseId: id.optional() }))
      .query(({ ctx, input }) => listReviewQueue(ctx.db, ctx.actor, input, ctx.now)),
    approve: reviewer()
      .input(z.object({ id, note: text({ max: REVIEW_NOTE_MAX, multiline: true, trim: false }).nullish() }))
      .mutation(({ ctx, input }) => approveHeldJob(ctx.db, ctx.actor, input.id, input.note, ctx.now)),
    reject: reviewer()
      .input(z.object({ id, reason: text({ max: REVIEW_NOTE_MAX, multiline: true, trim: false }) }))
      .mutation(({ ctx, input }) => rejectHeldJob(ctx.db, ctx.actor, input.id, input.reason, ctx.now)),
  }),

  violations: router({
    list: reviewer()
      .input(pageInput.extend({ enterpriseId: id.optional(), kind: z.enum(VIOLATION_KINDS).optional() }))
      .query(({ ctx, input }) => listViolations(ctx.db, input)),
    record: reviewer()
      .input(
        z.object({
          enterpriseId: id,
          kind: z.enum(VIOLATION_KINDS),
          detail: text({ max: 2000, multiline: true, trim: false }),
        }),
      )
      .mutation(({ ctx, input }) => recordViolation(ctx.db, ctx.actor, input, ctx.now)),
  }),
});
