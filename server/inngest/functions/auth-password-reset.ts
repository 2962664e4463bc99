// auth/password-reset.requested: the background half of a reset request (server/auth/password-reset.ts):
// an account's e-mail gets a one-time link, any other e-mail nothing, so the request's answer and
// its timing are the same for both.
import { deliverPasswordReset, passwordResetRequested } from "../../auth/password-reset";
import { appBaseUrl } from "../../env";
import { mailer } from "../../mail/transport";
import { inngest } from "../client";

export const authPasswordReset = inngest.createFunction(
  {
    id: "auth-password-reset",
    name: "Mail a password-reset link",
    triggers: [{ event: passwordResetRequested }],
    retries: 4,
  },
  async ({ event, step, db }) => {
    // One step issues the link and mails it, so the token in clear is never a step's stored output;
    // a retry after a failed send issues a fresh link (an unsent one simply runs out).
    return step.run("issue-and-mail", () =>
      deliverPasswordReset(
        db,
        mailer(),
        {
          email: event.data.email,
          requestedAt: new Date(event.data.requestedAt),
          ip: event.data.ip,
          userAgent: event.data.userAgent,
          baseUrl: appBaseUrl(),
        },
        new Date(),
      ),
    );
  },
);
