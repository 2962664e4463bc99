// The starter lexicon: a fresh installation screens for the usual prohibited content at once, the
// bureau's edits survive a second seed, and every term is in the form the lexicon stores.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { invalidateLexiconCache, screenContent } from "./lexicon";
import { seedStarterLexicon, STARTER_LEXICON } from "./starter-lexicon";
import { screeningForm, tidyTerm } from "./text";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

test("every term is stored as the lexicon stores terms, once, and none hides inside another with the other verdict", () => {
  for (const { term } of STARTER_LEXICON) expect(tidyTerm(term), term).toBe(term);
  const forms = STARTER_LEXICON.map((s) => screeningForm(s.term));
  expect(new Set(forms).size).toBe(forms.length);
  const block = STARTER_LEXICON.filter((s) => s.action === "BLOCK").map((s) => screeningForm(s.term));
  const review = STARTER_LEXICON.filter((s) => s.action === "REVIEW").map((s) => screeningForm(s.term));
  for (const r of review)
    expect(
      block.filter((b) => r.includes(b)),
      r,
    ).toEqual([]);
  expect(new Set(STARTER_LEXICON.filter((s) => s.action === "BLOCK").map((s) => s.category)).size).toBe(6);
});

test("a fresh database gets the list once; content is then blocked or held; terms the bureau removed stay removed", async () => {
  expect(await seedStarterLexicon(t.db)).toBe(STARTER_LEXICON.length);
  invalidateLexiconCache();
  expect(await screenContent(t.db, "周末 六 合 彩 开奖，加我")).toMatchObject({
    verdict: "BLOCK",
    blockTerms: ["六合彩"],
  });
  expect(await screenContent(t.db, "兼职刷单返利，日结")).toMatchObject({ verdict: "BLOCK" });
  expect(await screenContent(t.db, "本店新品上市，免费领取试用装")).toMatchObject({
    verdict: "REVIEW",
    reviewTerms: ["免费领取"],
  });
  expect((await screenContent(t.db, "您的验证码是 123456，5 分钟内有效")).verdict).toBe("OK");
  expect((await screenContent(t.db, "您 11 月的账单已出，请于 12 月 15 日前缴费")).verdict).toBe("OK");
  const note = await t.db.lexiconTerm.findUniqueOrThrow({ where: { term: "六合彩" } });
  expect(note.note).toBe("赌博 / gambling（初始词库 / starter list）");

  await t.db.lexiconTerm.delete({ where: { term: "返现" } });
  expect(await seedStarterLexicon(t.db)).toBe(0);
  expect(await t.db.lexiconTerm.count({ where: { term: "返现" } })).toBe(0);
  expect(await t.db.lexiconTerm.count()).toBe(STARTER_LEXICON.length - 1);
});
