import { registrationInput } from "../../contracts/inputs";
import { previewRegistration, registerEnterprise } from "../../contracts/registration";
import { publicProcedure, router } from "../trpc";

export const registrationRouter = router({
  /** The agreement with every blank filled, before anything is stored. */
  preview: publicProcedure.input(registrationInput).mutation(({ ctx, input }) => previewRegistration(ctx.db, input, ctx.now)),
  submit: publicProcedure
    .input(registrationInput)
    .mutation(({ ctx, input }) => registerEnterprise(ctx.db, input, { ip: ctx.ip, userAgent: ctx.userAgent }, ctx.now)),
});
