// auth/account.locked: the owner of an account that locked after too many wrong passwords is told
// by e-mail (sign-in itself answers a stranger exactly as for an unknown e-mail).
import { accountLocked, lockoutNoticeMail } from "../../auth/lockout";
import { mailer } from "../../mail/transport";
import { inngest } from "../client";

export const authLockoutNotice = inngest.createFunction(
  {
    id: "auth-lockout-notice",
    name: "Tell the owner of a locked account",
    triggers: [{ event: accountLocked }],
    retries: 4,
  },
  async ({ event, step, db }) => {
    const user = await step.run("load-user", () =>
      db.user.findUnique({ where: { id: event.data.userId }, select: { email: true, name: true, locale: true } }),
    );
    if (!user) return { sent: false };
    const mail = lockoutNoticeMail(user, {
      lockedAt: new Date(event.data.lockedAt),
      lockedUntil: new Date(event.data.lockedUntil),
      attempts: event.data.attempts,
    });
    const { messageId } = await step.run("send-notice", () => mailer().send(mail));
    return { sent: true, messageId };
  },
);
