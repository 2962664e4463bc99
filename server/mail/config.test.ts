import { expect, test } from "vitest";
import { DEFAULT_SMTP_FROM, loadMailConfig } from "./config";

test("SMTP_URL unset: the local catcher on 2525 (or SMTP_CATCHER_PORT) is the server", () => {
  expect(loadMailConfig({})).toEqual({
    smtpUrl: "smtp://127.0.0.1:2525",
    from: DEFAULT_SMTP_FROM,
    useCatcher: true,
    catcherPort: 2525,
  });
  expect(loadMailConfig({ SMTP_CATCHER_PORT: "2626", SMTP_URL: " " })).toMatchObject({
    smtpUrl: "smtp://127.0.0.1:2626",
    useCatcher: true,
  });
});

test("SMTP_URL and SMTP_FROM set: mail goes there, no catcher", () => {
  expect(loadMailConfig({ SMTP_URL: "smtps://u:p@mail.example.com:465", SMTP_FROM: "Bureau <b@example.com>" })).toEqual(
    {
      smtpUrl: "smtps://u:p@mail.example.com:465",
      from: "Bureau <b@example.com>",
      useCatcher: false,
      catcherPort: 2525,
    },
  );
});

test("a catcher port that is not a port is refused", () => {
  expect(() => loadMailConfig({ SMTP_CATCHER_PORT: "70000" })).toThrow(RangeError);
  expect(() => loadMailConfig({ SMTP_CATCHER_PORT: "abc" })).toThrow(RangeError);
});
