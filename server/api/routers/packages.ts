import { z } from "zod";
import { isStaffRole } from "../../auth/service";
import { listPackages } from "../../packages/service";
import { publicProcedure, router } from "../trpc";

export const packagesRouter = router({
  /** The catalogue is public (registration needs it); withdrawn packages only for staff. */
  list: publicProcedure
    .input(z.object({ includeInactive: z.boolean().default(false) }).default({ includeInactive: false }))
    .query(({ ctx, input }) =>
      listPackages(ctx.db, { includeInactive: input.includeInactive && !!ctx.user && isStaffRole(ctx.user.role) }, ctx.now),
    ),
});
