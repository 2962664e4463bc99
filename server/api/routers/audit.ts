import { z } from "zod";
import { listAudit } from "../../audit/log";
import { bureauProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";

export const auditRouter = router({
  list: bureauProcedure("BUREAU_ADMIN")
    .input(
      pageInput.extend({
        action: text({ max: 100 }).optional(),
        entityType: text({ max: 50 }).optional(),
        entityId: z.string().trim().max(64).optional(),
        enterpriseId: z.string().trim().max(64).optional(),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
