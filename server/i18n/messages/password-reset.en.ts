// Forgotten password: the request form, the mail with the link, the page that sets the new password.
import type { Messages } from "../types";

export const passwordResetEn: Messages["passwordReset"] = {
  forgot: "Forgot your password?",
  request: {
    title: "Reset your password",
    intro:
      "Enter your account's e-mail address and we will send a link to reset the password. The link is valid for 30 minutes and works once.",
    email: "E-mail",
    emailInvalid: "Enter a valid e-mail address, e.g. name@example.com",
    submit: "Send reset link",
    submitting: "Sending…",
    sent: "If {email} belongs to a QiXinTong account, a link to reset the password has been sent to it, valid for 30 minutes. Nothing arrived? Check your spam folder or try again later.",
    backToLogin: "Back to sign in",
  },
  mail: {
    subject: "QiXinTong: reset your password",
    text: "Hello {name},\n\nSomeone (we hope it was you) asked to reset the password of your QiXinTong account. Open this link within {minutes} minutes (before {expiresAt}, China time) to choose a new password; it works once:\n\n{url}\n\nOnce the new password is set, the account is signed out on every device.\nIf you did not ask for this, ignore this mail: your password stays as it is.\n\nQiXinTong · Postal e-commerce bureau",
  },
  complete: {
    title: "Choose a new password",
    intro: "Choose a new password for {email}. The account is then signed out on every device.",
    password: "New password",
    passwordConfirm: "New password again",
    passwordsDiffer: "The two passwords differ",
    submit: "Set new password",
    submitting: "Saving…",
    done: "Your password has been reset; sign in with the new one.",
    goLogin: "Sign in",
    invalidTitle: "Link not valid",
    expiredTitle: "Link expired",
    usedTitle: "Link already used",
    requestAgain: "Ask for a new reset link",
  },
};
