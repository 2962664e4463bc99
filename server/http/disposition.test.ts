import { expect, test } from "vitest";
import { asciiFallback, contentDisposition } from "./disposition";

test("a Chinese file name keeps its extension and gets an ASCII stand-in", () => {
  expect(asciiFallback("账单-QXT-202611-000001.pdf")).toBe("QXT-202611-000001.pdf");
  expect(asciiFallback("通讯录.xlsx")).toBe("download.xlsx");
  expect(asciiFallback("report")).toBe("report");
});

test("attachment by default, inline on request, the UTF-8 name percent-encoded", () => {
  expect(contentDisposition("发票-QXT-FP-202612-000001.pdf", "invoice.pdf")).toBe(
    "attachment; filename=\"invoice.pdf\"; filename*=UTF-8''%E5%8F%91%E7%A5%A8-QXT-FP-202612-000001.pdf",
  );
  expect(contentDisposition("letter.png", undefined, true)).toBe(
    "inline; filename=\"letter.png\"; filename*=UTF-8''letter.png",
  );
});
