import { z } from "zod";
import { createApiKey, listApiKeys, revokeApiKey } from "../../api-keys/keys";
import {
  disableWebhookEndpoint,
  getWebhookEndpoint,
  MAX_WEBHOOK_URL_LENGTH,
  pingWebhookEndpoint,
  rotateWebhookSecret,
  setWebhookEndpoint,
} from "../../webhooks/endpoints";
import { listWebhookDeliveries } from "../../webhooks/delivery";
import { customerAdminProcedure, customerProcedure, router } from "../trpc";
import { text } from "../../validation/text";

/** The portal's API page: keys and the webhook endpoint. Everyone in the enterprise sees them; only the customer admin changes them. */
export const apiKeysRouter = router({
  list: customerProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.enterpriseId)),

  /** The key in clear is in the answer, once. */
  create: customerAdminProcedure
    .input(z.object({ name: text({ min: 1, max: 50 }) }))
    .mutation(({ ctx, input }) =>
      createApiKey(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input, ctx.now),
    ),

  revoke: customerAdminProcedure
    .input(z.object({ apiKeyId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) =>
      revokeApiKey(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.apiKeyId, ctx.now),
    ),

  webhook: customerProcedure.query(async ({ ctx }) => ({
    endpoint: await getWebhookEndpoint(ctx.db, ctx.enterpriseId),
    deliveries: await listWebhookDeliveries(ctx.db, ctx.enterpriseId),
  })),

  /** The secret is in the answer the first time only (null when the URL of an existing endpoint changes). */
  setWebhook: customerAdminProcedure
    .input(z.object({ url: text({ min: 1, max: MAX_WEBHOOK_URL_LENGTH }) }))
    .mutation(({ ctx, input }) =>
      setWebhookEndpoint(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input, ctx.now),
    ),

  rotateWebhookSecret: customerAdminProcedure.mutation(({ ctx }) =>
    rotateWebhookSecret(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, ctx.now),
  ),

  disableWebhook: customerAdminProcedure.mutation(({ ctx }) =>
    disableWebhookEndpoint(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, ctx.now),
  ),

  pingWebhook: customerAdminProcedure.mutation(({ ctx }) =>
    pingWebhookEndpoint(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, ctx.now),
  ),
});
