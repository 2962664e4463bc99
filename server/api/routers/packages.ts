import { z } from "zod";
import { isStaffRole } from "../../auth/accounts";
import {
  createPackage,
  createPackageSchema,
  publishPriceSchema,
  publishPriceVersion,
  setForSale,
  withdrawPriceVersion,
} from "../../packages/catalogue";
import { listPackages } from "../../packages/prices";
import { bureauProcedure, publicProcedure, router } from "../trpc";

const admin = bureauProcedure("BUREAU_ADMIN");

export const packagesRouter = router({
  /** The catalogue is public (registration needs it); withdrawn packages only for staff. */
  list: publicProcedure
    .input(z.object({ includeInactive: z.boolean().default(false) }).default({ includeInactive: false }))
    .query(({ ctx, input }) =>
      listPackages(
        ctx.db,
        { includeInactive: input.includeInactive && !!ctx.user && isStaffRole(ctx.user.role) },
        ctx.now,
      ),
    ),
  create: admin
    .input(createPackageSchema)
    .mutation(({ ctx, input }) => createPackage(ctx.db, ctx.actor, input, ctx.now)),
  publishPrice: admin
    .input(publishPriceSchema.extend({ packageId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input: { packageId, ...terms } }) =>
      publishPriceVersion(ctx.db, ctx.actor, packageId, terms, ctx.now),
    ),
  withdrawPrice: admin
    .input(z.object({ packageId: z.string().min(1).max(64), version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => withdrawPriceVersion(ctx.db, ctx.actor, input.packageId, input.version, ctx.now)),
  setForSale: admin
    .input(z.object({ packageId: z.string().min(1).max(64), forSale: z.boolean() }))
    .mutation(({ ctx, input }) => setForSale(ctx.db, ctx.actor, input.packageId, input.forSale, ctx.now)),
});
