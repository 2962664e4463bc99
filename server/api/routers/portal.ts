import { getEnterprise } from "../../enterprises/directory";
import { customerProcedure, router } from "../trpc";

export const portalRouter = router({
  /** The caller's own enterprise, its users and contracts; never another's. */
  enterprise: customerProcedure.query(({ ctx }) => getEnterprise(ctx.db, ctx.enterpriseId, ctx.now)),
});
