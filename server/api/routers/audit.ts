import { z } from "zod";
import { listAudit } from "../../audit/service";
import { bureauProcedure, pageInput, router } from "../trpc";

export const auditRouter = router({
  list: bureauProcedure("BUREAU_ADMIN")
    .input(
      pageInput.extend({
        action: z.string().trim().max(100).optional(),
        entityType: z.string().trim().max(50).optional(),
        entityId: z.string().trim().max(64).optional(),
        enterpriseId: z.string().trim().max(64).optional(),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
