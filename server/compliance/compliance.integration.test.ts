import type { EnterpriseActor } from "../audit/log";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { Actor } from "../audit/log";
import { actorFor, callerFor, expectAppError, trpcCode } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import {
  applyForConsent,
  approveConsent,
  consentLetter,
  getConsent,
  listConsents,
  rejectConsent,
  withdrawConsent,
} from "./consents";
import { classifyRecipients } from "./recipients";
import { createLexiconTerm, deleteLexiconTerm, listLexicon, screenContent, updateLexiconTerm } from "./lexicon";
import { updateOptOutKeywords } from "./replies";
import {
  approvedSignature,
  approveSignature,
  enterpriseSignatures,
  listSignatures,
  rejectSignature,
  submitSignature,
  withdrawSignature,
} from "./signatures";
import { listViolations, recordViolation } from "./violations";

let t: TestDatabase;
let demoAdmin: EnterpriseActor;
let otherAdmin: EnterpriseActor;
let compliance: Actor;
const T0 = new Date("2026-11-25T02:00:00Z"); // 10:00 China time
const at = (ms: number) => new Date(T0.getTime() + ms);
const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const actorOf = (email: string) => actorFor(t.db, email, { ip: "203.0.113.9" });

const callerAs = (email: string) => callerFor(t.db, email, { now: T0 });

const audits = (prefix: string) =>
  t.db.auditLog
    .findMany({ where: { action: { startsWith: prefix } }, orderBy: { id: "asc" } })
    .then((rows) => rows.map((r) => r.action));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  demoAdmin = await actorOf("admin@demo.example.com");
  otherAdmin = await actorOf("admin@other.example.com");
  compliance = await actorOf("compliance@bureau.example.com");
});
afterAll(async () => t.drop());

describe("lexicon and screening", () => {
  test("CRUD with unique terms (by screening form), audited; screening follows every change at once", async () => {
    expect(await screenContent(t.db, "可代开发票")).toEqual({ verdict: "OK", blockTerms: [], reviewTerms: [] });

    const block = await createLexiconTerm(
      t.db,
      compliance,
      { term: " 代开发票 ", action: "BLOCK", note: "虚开发票" },
      T0,
    );
    expect(block).toMatchObject({
      term: "代开发票",
      action: "BLOCK",
      note: "虚开发票",
      createdById: compliance.userId,
    });
    const review = await createLexiconTerm(t.db, compliance, { term: "贷款", action: "REVIEW" }, T0);
    await createLexiconTerm(t.db, compliance, { term: "Casino", action: "BLOCK" }, T0);

    await expectAppError(
      createLexiconTerm(t.db, compliance, { term: "代开发票", action: "REVIEW" }, T0),
      "LEXICON_TERM_TAKEN",
    );
    await expectAppError(
      createLexiconTerm(t.db, compliance, { term: "代开 发票", action: "REVIEW" }, T0),
      "LEXICON_TERM_TAKEN",
    );
    await expectAppError(
      createLexiconTerm(t.db, compliance, { term: "casino", action: "REVIEW" }, T0),
      "LEXICON_TERM_TAKEN",
    );
    await expectAppError(
      createLexiconTerm(t.db, compliance, { term: "  --  ", action: "BLOCK" }, T0),
      "LEXICON_TERM_INVALID",
    );

    // The cache was invalidated by the writes: the new terms apply at once.
    expect(await screenContent(t.db, "本公司可代 开·发 票")).toEqual({
      verdict: "BLOCK",
      blockTerms: ["代开发票"],
      reviewTerms: [],
    });
    expect(await screenContent(t.db, "低息贷-款，C A S I N O")).toEqual({
      verdict: "BLOCK",
      blockTerms: ["Casino"],
      reviewTerms: ["贷款"],
    });
    expect(await screenContent(t.db, "低息贷款")).toEqual({ verdict: "REVIEW", blockTerms: [], reviewTerms: ["贷款"] });
    expect(await screenContent(t.db, "您的验证码是 123456")).toEqual({
      verdict: "OK",
      blockTerms: [],
      reviewTerms: [],
    });

    const updated = await updateLexiconTerm(
      t.db,
      compliance,
      review.id,
      { term: "贷款", action: "BLOCK", note: "升级" },
      at(1000),
    );
    expect(updated.action).toBe("BLOCK");
    expect(await screenContent(t.db, "低息贷款")).toMatchObject({ verdict: "BLOCK", blockTerms: ["贷款"] });
    await expectAppError(
      updateLexiconTerm(t.db, compliance, review.id, { term: "代开发票", action: "BLOCK" }, at(1000)),
      "LEXICON_TERM_TAKEN",
    );

    await deleteLexiconTerm(t.db, compliance, review.id, at(2000));
    expect(await screenContent(t.db, "低息贷款")).toMatchObject({ verdict: "OK" });
    await expectAppError(deleteLexiconTerm(t.db, compliance, review.id, at(2000)), "NOT_FOUND");

    const list = await listLexicon(t.db, { page: 1, pageSize: 20 });
    expect(list.rows.map((r) => r.term)).toEqual(["Casino", "代开发票"]);
    expect(list.totals).toEqual({ BLOCK: 2, REVIEW: 0 });
    expect((await listLexicon(t.db, { page: 1, pageSize: 20, search: "虚开" })).rows.map((r) => r.term)).toEqual([
      "代开发票",
    ]);

    expect(await audits("compliance.lexicon.")).toEqual([
      "compliance.lexicon.created",
      "compliance.lexicon.created",
      "compliance.lexicon.created",
      "compliance.lexicon.updated",
      "compliance.lexicon.deleted",
    ]);
    const change = await t.db.auditLog.findFirstOrThrow({ where: { action: "compliance.lexicon.updated" } });
    expect(change.detail).toEqual({ action: { from: "REVIEW", to: "BLOCK" }, note: { from: null, to: "升级" } });
  });
});

describe("signatures", () => {
  test("submit → one pending at a time → reject with reason → resubmit → approve; the latest approval is used", async () => {
    expect(await approvedSignature(t.db, demoAdmin.enterpriseId)).toBeNull();
    await expectAppError(submitSignature(t.db, demoAdmin, "【示】", T0), "SIGNATURE_INVALID");
    await expectAppError(submitSignature(t.db, demoAdmin, "【示例 科技】", T0), "SIGNATURE_INVALID");

    const first = await submitSignature(t.db, demoAdmin, "【示例科技】", T0);
    expect(first).toMatchObject({ text: "示例科技", status: "PENDING", enterpriseId: demoAdmin.enterpriseId });
    await expectAppError(submitSignature(t.db, demoAdmin, "示例", T0), "SIGNATURE_PENDING");
    // Another enterprise is not affected by this one's pending signature.
    const others = await submitSignature(t.db, otherAdmin, "远景贸易", T0);

    expect(
      (await listSignatures(t.db, { page: 1, pageSize: 20, status: "PENDING" })).rows.map((r) => [
        r.text,
        r.enterprise.name,
      ]),
    ).toEqual([
      ["示例科技", "示例科技有限公司"],
      ["远景贸易", "远景贸易有限公司"],
    ]);

    await expectAppError(rejectSignature(t.db, compliance, first.id, "  ", at(1000)), "REASON_REQUIRED");
    await rejectSignature(t.db, compliance, first.id, "签名须与企业名称相符", at(1000));
    await expectAppError(approveSignature(t.db, compliance, first.id, at(1000)), "REQUEST_NOT_PENDING");
    expect(await approvedSignature(t.db, demoAdmin.enterpriseId)).toBeNull();

    const second = await submitSignature(t.db, demoAdmin, "示例科技公司", at(2000));
    await approveSignature(t.db, compliance, second.id, at(3000));
    expect(await approvedSignature(t.db, demoAdmin.enterpriseId)).toBe("示例科技公司");

    // A later approved signature replaces it; a withdrawn one never counts.
    const third = await submitSignature(t.db, demoAdmin, "示例", at(4000));
    await expectAppError(withdrawSignature(t.db, otherAdmin, third.id, at(4500)), "NOT_FOUND");
    await withdrawSignature(t.db, demoAdmin, third.id, at(4500));
    expect(await approvedSignature(t.db, demoAdmin.enterpriseId)).toBe("示例科技公司");
    const fourth = await submitSignature(t.db, demoAdmin, "示例云", at(5000));
    await approveSignature(t.db, compliance, fourth.id, at(6000));
    expect(await approvedSignature(t.db, demoAdmin.enterpriseId)).toBe("示例云");
    expect(await approvedSignature(t.db, otherAdmin.enterpriseId)).toBeNull();
    await approveSignature(t.db, compliance, others.id, at(6000));
    expect(await approvedSignature(t.db, otherAdmin.enterpriseId)).toBe("远景贸易");

    const mine = await enterpriseSignatures(t.db, demoAdmin.enterpriseId);
    expect(mine.current).toBe("示例云");
    expect(mine.history.map((h) => [h.text, h.status, h.decisionNote])).toEqual([
      ["示例云", "APPROVED", null],
      ["示例", "WITHDRAWN", null],
      ["示例科技公司", "APPROVED", null],
      ["示例科技", "REJECTED", "签名须与企业名称相符"],
    ]);
    expect(
      (
        await t.db.auditLog.findMany({
          where: { action: { startsWith: "compliance.signature." }, enterpriseId: demoAdmin.enterpriseId },
          orderBy: { id: "asc" },
        })
      ).map((a) => a.action),
    ).toEqual([
      "compliance.signature.submitted",
      "compliance.signature.rejected",
      "compliance.signature.submitted",
      "compliance.signature.approved",
      "compliance.signature.submitted",
      "compliance.signature.withdrawn",
      "compliance.signature.submitted",
      "compliance.signature.approved",
    ]);
  });

  test("concurrent submissions leave one pending", async () => {
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((i) => submitSignature(t.db, otherAdmin, `远景${i}号`, at(10_000))),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.smsSignature.count({ where: { enterpriseId: otherAdmin.enterpriseId, status: "PENDING" } })).toBe(
      1,
    );
  });
});

describe("consents (乙方 6)", () => {
  const numbers = ["13700000001", "+86 137-0000-0002", "13700000003"];

  test("the application checks the letter by its bytes, the size, and every number", async () => {
    const base = {
      reason: "向参会客户发送会议通知",
      numbersText: numbers.join("\n"),
      letter: { name: "同意函.pdf", bytes: PDF },
    };
    await expectAppError(
      applyForConsent(t.db, demoAdmin, { ...base, letter: { name: "同意函.pdf", bytes: PNG } }, T0),
      "CONSENT_LETTER_INVALID",
    );
    await expectAppError(
      applyForConsent(t.db, demoAdmin, { ...base, letter: { name: "同意函.exe", bytes: PDF } }, T0),
      "CONSENT_LETTER_INVALID",
    );
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PDF);
    await expectAppError(
      applyForConsent(t.db, demoAdmin, { ...base, letter: { name: "同意函.pdf", bytes: big } }, T0),
      "CONSENT_LETTER_TOO_LARGE",
    );
    await expectAppError(applyForConsent(t.db, demoAdmin, { ...base, reason: " " }, T0), "REASON_REQUIRED");
    await expectAppError(applyForConsent(t.db, demoAdmin, { ...base, numbersText: "" }, T0), "CONSENT_NUMBERS_EMPTY");
    const invalid = await applyForConsent(
      t.db,
      demoAdmin,
      { ...base, numbersText: "13700000001\n12345\nabc" },
      T0,
    ).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: "CONSENT_NUMBERS_INVALID", params: { count: 2, sample: '"12345", "abc"' } });
    await expectAppError(
      applyForConsent(t.db, demoAdmin, { ...base, listFile: { name: "list.xlsx", bytes: new Uint8Array([1]) } }, T0),
      "NUMBER_LIST_INVALID",
    );
    expect(await t.db.recipientConsent.count()).toBe(0);
  });

  test("apply (pasted + file) → approve a subset until a China date → valid until 24:00 of it, not after", async () => {
    const listFile = {
      name: "numbers.csv",
      bytes: new TextEncoder().encode("手机号,姓名\n13700000003,王五\n13700000004,赵六\n"),
    };
    const applied = await applyForConsent(
      t.db,
      demoAdmin,
      {
        reason: "向参会客户发送会议通知",
        numbersText: numbers.slice(0, 2).join("\n"),
        listFile,
        letter: { name: "同意函.pdf", bytes: PDF },
      },
      T0,
    );
    expect(applied).toMatchObject({ numbers: 4, duplicates: 0 });

    const stored = await t.db.recipientConsent.findUniqueOrThrow({ where: { id: applied.id } });
    expect(stored).toMatchObject({
      status: "PENDING",
      letterMimeType: "application/pdf",
      letterFileName: "同意函.pdf",
      requestedNumbers: ["13700000001", "13700000002", "13700000003", "13700000004"],
    });
    expect(Buffer.from(stored.letterBytes).equals(Buffer.from(PDF))).toBe(true);

    const mine = await listConsents(t.db, { page: 1, pageSize: 20, enterpriseId: demoAdmin.enterpriseId });
    expect(mine.rows.map((r) => [r.status, r.requestedCount, r.approvedCount])).toEqual([["PENDING", 4, 0]]);
    expect((await listConsents(t.db, { page: 1, pageSize: 20, enterpriseId: otherAdmin.enterpriseId })).total).toBe(0);

    // Not yet approved: nobody outside the address book is allowed.
    expect((await classifyRecipients(t.db, demoAdmin.enterpriseId, ["13700000001"], T0)).get("13700000001")).toBe(
      "NOT_ALLOWED",
    );

    await expectAppError(
      approveConsent(t.db, compliance, applied.id, { numbers: null, validUntilDate: "2026-11-24" }, T0),
      "CONSENT_EXPIRY_INVALID",
    );
    await expectAppError(
      approveConsent(t.db, compliance, applied.id, { numbers: null, validUntilDate: "2026-02-30" }, T0),
      "CONSENT_EXPIRY_INVALID",
    );
    await expectAppError(
      approveConsent(
        t.db,
        compliance,
        applied.id,
        { numbers: ["13700000001", "13900000000"], validUntilDate: "2026-11-30" },
        T0,
      ),
      "CONSENT_SCOPE_INVALID",
    );
    await expectAppError(
      approveConsent(t.db, compliance, applied.id, { numbers: [], validUntilDate: "2026-11-30" }, T0),
      "CONSENT_SCOPE_INVALID",
    );

    const approved = await approveConsent(
      t.db,
      compliance,
      applied.id,
      { numbers: ["13700000001", "137 0000 0003", "13700000001"], validUntilDate: "2026-11-30", note: "限会议通知" },
      at(60_000),
    );
    // 24:00 of 30 Nov 2026 in China is 16:00 UTC.
    expect(approved).toEqual({ approved: 2, validUntil: new Date("2026-11-30T16:00:00Z") });
    await expectAppError(rejectConsent(t.db, compliance, applied.id, "迟到的拒绝", at(70_000)), "REQUEST_NOT_PENDING");

    const rows = await t.db.consentNumber.findMany({ where: { consentId: applied.id }, orderBy: { mobile: "asc" } });
    expect(rows.map((r) => [r.mobile, r.enterpriseId, r.validUntil.toISOString()])).toEqual([
      ["13700000001", demoAdmin.enterpriseId, "2026-11-30T16:00:00.000Z"],
      ["13700000003", demoAdmin.enterpriseId, "2026-11-30T16:00:00.000Z"],
    ]);

    const detail = await getConsent(t.db, applied.id, demoAdmin.enterpriseId);
    expect(detail).toMatchObject({
      status: "APPROVED",
      requestedCount: 4,
      approvedCount: 2,
      approvedNumbers: ["13700000001", "13700000003"],
      decisionNote: "限会议通知",
      letterSize: PDF.length,
    });
    expect(detail.decidedBy?.email).toBe("compliance@bureau.example.com");
    await expectAppError(getConsent(t.db, applied.id, otherAdmin.enterpriseId), "NOT_FOUND");

    const classify = (when: Date) =>
      classifyRecipients(t.db, demoAdmin.enterpriseId, ["13700000001", "13700000002", "13700000003"], when);
    const lastMoment = new Date("2026-11-30T15:59:59.999Z"); // 23:59:59.999 China time on the expiry date
    expect(Object.fromEntries(await classify(lastMoment))).toEqual({
      "13700000001": "ALLOWED",
      "13700000002": "NOT_ALLOWED",
      "13700000003": "ALLOWED",
    });
    expect(Object.fromEntries(await classify(new Date("2026-11-30T16:00:00Z")))).toEqual({
      "13700000001": "NOT_ALLOWED",
      "13700000002": "NOT_ALLOWED",
      "13700000003": "NOT_ALLOWED",
    });
    // Another enterprise does not inherit the consent.
    expect((await classifyRecipients(t.db, otherAdmin.enterpriseId, ["13700000001"], T0)).get("13700000001")).toBe(
      "NOT_ALLOWED",
    );

    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "compliance.consent.approved", entityId: applied.id },
    });
    expect(audit).toMatchObject({ actorId: compliance.userId, enterpriseId: demoAdmin.enterpriseId });
    expect(audit.detail).toMatchObject({ scope: "subset", approved: 2, requested: 4, validUntilDate: "2026-11-30" });
  });

  test("approve all; reject with a reason; withdraw; decisions only once", async () => {
    const apply = (bytes: Uint8Array, name: string) =>
      applyForConsent(
        t.db,
        demoAdmin,
        { reason: "客户回访", numbersText: "13700000011\n13700000012", letter: { name, bytes } },
        T0,
      );
    const a = await apply(PNG, "scan.png");
    const all = await approveConsent(t.db, compliance, a.id, { numbers: null, validUntilDate: "2026-11-25" }, T0);
    expect(all.approved).toBe(2);
    expect(await t.db.consentNumber.count({ where: { consentId: a.id } })).toBe(2);

    const b = await apply(PDF, "b.pdf");
    await expectAppError(rejectConsent(t.db, compliance, b.id, "", T0), "REASON_REQUIRED");
    await rejectConsent(t.db, compliance, b.id, "同意函未盖章", T0);
    expect(await t.db.recipientConsent.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({
      status: "REJECTED",
      decisionNote: "同意函未盖章",
      decidedById: compliance.userId,
    });
    await expectAppError(
      approveConsent(t.db, compliance, b.id, { numbers: null, validUntilDate: "2026-12-31" }, T0),
      "REQUEST_NOT_PENDING",
    );

    const c = await apply(PDF, "c.pdf");
    await expectAppError(withdrawConsent(t.db, otherAdmin, c.id, T0), "NOT_FOUND");
    await withdrawConsent(t.db, demoAdmin, c.id, T0);
    expect((await t.db.recipientConsent.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("WITHDRAWN");
    await expectAppError(withdrawConsent(t.db, demoAdmin, c.id, T0), "REQUEST_NOT_PENDING");
  });

  test("the letter: the applying enterprise or a reviewer (audited); other enterprises NOT_FOUND, other staff FORBIDDEN", async () => {
    const applied = await applyForConsent(
      t.db,
      demoAdmin,
      { reason: "通知", numbersText: "13700000021", letter: { name: "x.pdf", bytes: PDF } },
      T0,
    );
    const before = await t.db.auditLog.count({ where: { action: "compliance.consent.letter.viewed" } });

    const own = await consentLetter(t.db, { ...demoAdmin, role: "CUSTOMER_ADMIN" }, applied.id, T0);
    expect(own).toMatchObject({ fileName: "x.pdf", mimeType: "application/pdf" });
    expect(own.bytes.equals(Buffer.from(PDF))).toBe(true);
    const operator = await actorOf("operator@demo.example.com");
    await consentLetter(t.db, { ...operator, role: "CUSTOMER_OPERATOR" }, applied.id, T0);
    expect(await t.db.auditLog.count({ where: { action: "compliance.consent.letter.viewed" } })).toBe(before);

    await expectAppError(consentLetter(t.db, { ...otherAdmin, role: "CUSTOMER_ADMIN" }, applied.id, T0), "NOT_FOUND");
    const sales = await actorOf("sales@bureau.example.com");
    await expectAppError(
      consentLetter(t.db, { ...sales, role: "SALES", enterpriseId: null }, applied.id, T0),
      "FORBIDDEN",
    );

    await consentLetter(t.db, { ...compliance, role: "COMPLIANCE", enterpriseId: null }, applied.id, T0);
    const viewed = await t.db.auditLog.findMany({ where: { action: "compliance.consent.letter.viewed" } });
    expect(viewed).toHaveLength(before + 1);
    expect(viewed.at(-1)).toMatchObject({
      actorId: compliance.userId,
      entityId: applied.id,
      enterpriseId: demoAdmin.enterpriseId,
    });
  });
});

describe("violations and opt-out keywords", () => {
  test("violations are recorded against the enterprise, audited, and listed per enterprise", async () => {
    await recordViolation(
      t.db,
      compliance,
      { enterpriseId: demoAdmin.enterpriseId, kind: "CONTENT_REJECTED", detail: "群发贷款广告", jobId: "job-1" },
      T0,
    );
    await recordViolation(
      t.db,
      compliance,
      { enterpriseId: demoAdmin.enterpriseId, kind: "OTHER", detail: "人工记录" },
      at(1000),
    );
    await recordViolation(
      t.db,
      compliance,
      { enterpriseId: otherAdmin.enterpriseId, kind: "RECIPIENTS", detail: "向通讯录外号码发送" },
      at(2000),
    );
    await expectAppError(
      recordViolation(t.db, compliance, { enterpriseId: "nope", kind: "OTHER", detail: "x" }, T0),
      "NOT_FOUND",
    );
    await expectAppError(
      recordViolation(t.db, compliance, { enterpriseId: demoAdmin.enterpriseId, kind: "OTHER", detail: " " }, T0),
      "REASON_REQUIRED",
    );

    const demo = await listViolations(t.db, { page: 1, pageSize: 20, enterpriseId: demoAdmin.enterpriseId });
    expect(demo.rows.map((r) => [r.kind, r.detail, r.jobId, r.recordedBy?.email])).toEqual([
      ["OTHER", "人工记录", null, "compliance@bureau.example.com"],
      ["CONTENT_REJECTED", "群发贷款广告", "job-1", "compliance@bureau.example.com"],
    ]);
    expect(demo.enterprises.map((e) => [e.name, e.count])).toEqual([
      ["示例科技有限公司", 2],
      ["远景贸易有限公司", 1],
    ]);
    expect(
      await t.db.auditLog.count({
        where: { action: "compliance.violation.recorded", enterpriseId: demoAdmin.enterpriseId },
      }),
    ).toBe(2);
  });

  test("the keyword list is validated and audited", async () => {
    await expectAppError(updateOptOutKeywords(t.db, compliance, ["TD", "退 订"], T0), "OPT_OUT_KEYWORDS_INVALID");
    await expectAppError(updateOptOutKeywords(t.db, compliance, ["", " "], T0), "OPT_OUT_KEYWORDS_INVALID");
    const before = (await t.db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } })).optOutKeywords;
    expect(await updateOptOutKeywords(t.db, compliance, ["TD", "td", " 退订 ", "Stop", "ＱＸ"], T0)).toEqual([
      "TD",
      "退订",
      "Stop",
      "QX",
    ]);
    expect((await t.db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } })).optOutKeywords).toEqual([
      "TD",
      "退订",
      "Stop",
      "QX",
    ]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "compliance.optout.keywords.updated" } });
    expect(audit.detail).toEqual({ from: before, to: ["TD", "退订", "Stop", "QX"] });
    await updateOptOutKeywords(t.db, compliance, before, T0);
  });
});

describe("procedures: roles and tenants", () => {
  test("customers reach only their own enterprise; operators read only; customers and other staff cannot review", async () => {
    const demo = await callerAs("admin@demo.example.com");
    const operator = await callerAs("operator@demo.example.com");
    const other = await callerAs("admin@other.example.com");
    const sales = await callerAs("sales@bureau.example.com");
    const reviewer = await callerAs("compliance@bureau.example.com");

    const demoConsent = (await demo.compliance.consent.mine({ page: 1, pageSize: 50 })).rows[0];
    expect(demoConsent).toBeDefined();
    const consentId = demoConsent?.id ?? "";
    expect(
      (await other.compliance.consent.mine({ page: 1, pageSize: 50 })).rows.every(
        (r) => r.enterpriseId === otherAdmin.enterpriseId,
      ),
    ).toBe(true);
    expect(await trpcCode(other.compliance.consent.mineGet({ id: consentId }))).toBe("NOT_FOUND");
    expect((await operator.compliance.consent.mineGet({ id: consentId })).id).toBe(consentId);
    expect(await trpcCode(other.compliance.consent.withdraw({ id: consentId }))).toBe("NOT_FOUND");
    expect(await trpcCode(operator.compliance.consent.withdraw({ id: consentId }))).toBe("FORBIDDEN");

    expect((await other.compliance.signature.mine()).history.every((h) => h.text.startsWith("远景"))).toBe(true);
    expect((await demo.compliance.signature.mine()).current).toBe("示例云");
    expect(await trpcCode(operator.compliance.signature.submit({ text: "示例" }))).toBe("FORBIDDEN");
    const demoSignature = (await demo.compliance.signature.mine()).history[0]?.id ?? "";
    expect(await trpcCode(other.compliance.signature.withdraw({ id: demoSignature }))).toBe("NOT_FOUND");

    await t.db.optOut.create({
      data: { enterpriseId: demoAdmin.enterpriseId, mobile: "13600000001", keyword: "TD", replyText: "TD" },
    });
    await t.db.optOut.create({
      data: { enterpriseId: otherAdmin.enterpriseId, mobile: "13600000002", keyword: "退订", replyText: "退订" },
    });
    expect((await demo.compliance.optOut.mine({ page: 1, pageSize: 20 })).rows.map((r) => r.mobile)).toEqual([
      "13600000001",
    ]);
    expect((await other.compliance.optOut.mine({ page: 1, pageSize: 20 })).rows.map((r) => r.mobile)).toEqual([
      "13600000002",
    ]);
    expect((await demo.compliance.optOut.mine({ page: 1, pageSize: 20, search: "0002" })).rows).toEqual([]);
    expect(
      (await demo.compliance.optOut.mine({ page: 1, pageSize: 20, search: "136 0000 0001" })).rows.map((r) => r.mobile),
    ).toEqual(["13600000001"]);

    // Reviewer procedures: customers and SALES are refused.
    for (const caller of [demo, operator, sales]) {
      expect(await trpcCode(caller.compliance.consent.queue({ page: 1, pageSize: 20 }))).toBe("FORBIDDEN");
      expect(
        await trpcCode(
          caller.compliance.consent.approve({ id: consentId, numbers: null, validUntilDate: "2026-12-31" }),
        ),
      ).toBe("FORBIDDEN");
      expect(await trpcCode(caller.compliance.signature.approve({ id: demoSignature }))).toBe("FORBIDDEN");
      expect(await trpcCode(caller.compliance.lexicon.create({ term: "x", action: "BLOCK" }))).toBe("FORBIDDEN");
      expect(
        await trpcCode(caller.compliance.optOut.list({ page: 1, pageSize: 20, enterpriseId: demoAdmin.enterpriseId })),
      ).toBe("FORBIDDEN");
      expect(await trpcCode(caller.compliance.violations.list({ page: 1, pageSize: 20 }))).toBe("FORBIDDEN");
      expect(await trpcCode(caller.compliance.optOut.updateKeywords({ keywords: ["TD"] }))).toBe("FORBIDDEN");
    }
    // The keyword list is bureau configuration: COMPLIANCE reads it, only a bureau admin changes it.
    expect(await reviewer.compliance.optOut.keywords()).toContain("TD");
    expect(await trpcCode(reviewer.compliance.optOut.updateKeywords({ keywords: ["TD"] }))).toBe("FORBIDDEN");
    const bureauAdmin = await callerAs("admin@bureau.example.com");
    const keywords = await bureauAdmin.compliance.optOut.keywords();
    expect(await bureauAdmin.compliance.optOut.updateKeywords({ keywords: [...keywords, "不要再发"] })).toEqual([
      ...keywords,
      "不要再发",
    ]);
    await bureauAdmin.compliance.optOut.updateKeywords({ keywords });
    // Staff are not customers.
    expect(await trpcCode(reviewer.compliance.consent.mine({ page: 1, pageSize: 20 }))).toBe("FORBIDDEN");
    expect(await trpcCode(reviewer.compliance.optOut.mine({ page: 1, pageSize: 20 }))).toBe("FORBIDDEN");

    // COMPLIANCE reads an enterprise's opt-outs, and that read is audited.
    const staffView = await reviewer.compliance.optOut.list({
      page: 1,
      pageSize: 20,
      enterpriseId: demoAdmin.enterpriseId,
    });
    expect(staffView.rows.map((r) => r.mobile)).toEqual(["13600000001"]);
    expect(
      await t.db.auditLog.count({
        where: {
          action: "compliance.optouts.viewed",
          enterpriseId: demoAdmin.enterpriseId,
          actorId: compliance.userId,
        },
      }),
    ).toBe(1);
    expect((await reviewer.compliance.summary()).pendingSignatures).toBeGreaterThanOrEqual(1);

    // Removing an entry: never by the customer; by COMPLIANCE with a reason, audited.
    const entry = staffView.rows[0]?.id ?? "";
    for (const caller of [demo, operator, other, sales]) {
      expect(await trpcCode(caller.compliance.optOut.remove({ id: entry, reason: "客户要求" }))).toBe("FORBIDDEN");
    }
    expect(await trpcCode(reviewer.compliance.optOut.remove({ id: entry, reason: " " }))).toBe("BAD_REQUEST");
    await reviewer.compliance.optOut.remove({ id: entry, reason: "收件人来电要求恢复接收" });
    expect(await t.db.optOut.count({ where: { id: entry } })).toBe(0);
    const removal = await t.db.auditLog.findFirstOrThrow({
      where: { action: "compliance.optout.removed", entityId: entry },
    });
    expect(removal).toMatchObject({ actorId: compliance.userId, enterpriseId: demoAdmin.enterpriseId });
    expect(removal.detail).toMatchObject({ mobile: "13600000001", replyText: "TD", reason: "收件人来电要求恢复接收" });
    expect(await trpcCode(reviewer.compliance.optOut.remove({ id: entry, reason: "again" }))).toBe("NOT_FOUND");
  });
});
