import { expect, test } from "vitest";
import { nextReminderAttempt, REMINDER_MAX_ATTEMPTS } from "./reminders";

test("back-off after failed attempts: 5, 10, 20, 40 minutes, then no further attempt", () => {
  const now = new Date("2026-12-15T01:00:00Z");
  const after = (attempts: number) => nextReminderAttempt(attempts, now)?.toISOString() ?? null;
  expect([1, 2, 3, 4, 5].map(after)).toEqual([
    "2026-12-15T01:05:00.000Z",
    "2026-12-15T01:10:00.000Z",
    "2026-12-15T01:20:00.000Z",
    "2026-12-15T01:40:00.000Z",
    null,
  ]);
  expect(REMINDER_MAX_ATTEMPTS).toBe(5);
});
