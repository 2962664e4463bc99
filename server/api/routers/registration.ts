import { registrationInput, registrationStepInput } from "../../contracts/inputs";
import { checkRegistrationStep, previewRegistration, registerEnterprise } from "../../contracts/registration";
import { publicProcedure, router } from "../trpc";

export const registrationRouter = router({
  /** One step of the form (the enterprise, the admin's e-mail), checked as the submit will. */
  checkStep: publicProcedure
    .input(registrationStepInput)
    .mutation(({ ctx, input }) => checkRegistrationStep(ctx.db, input)),
  /** The agreement with every blank filled, before anything is stored. */
  preview: publicProcedure
    .input(registrationInput)
    .mutation(({ ctx, input }) => previewRegistration(ctx.db, input, ctx.now)),
  submit: publicProcedure
    .input(registrationInput)
    .mutation(({ ctx, input }) => registerEnterprise(ctx.db, input, { ip: ctx.ip, userAgent: ctx.userAgent }, ctx.now)),
});
