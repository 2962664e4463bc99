import { auditFilterInput, searchAudit } from "../../audit/query";
import { bureauProcedure, router } from "../trpc";

export const auditRouter = router({
  list: bureauProcedure("BUREAU_ADMIN")
    .input(auditFilterInput)
    .query(({ ctx, input }) => searchAudit(ctx.db, input)),
});
