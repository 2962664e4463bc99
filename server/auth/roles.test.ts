import { expect, test } from "vitest";
import { isStaffWith } from "./accounts";

test("staff with a named role, bureau admins always, customers never", () => {
  expect(isStaffWith("FINANCE", ["FINANCE"])).toBe(true);
  expect(isStaffWith("BUREAU_ADMIN", ["FINANCE"])).toBe(true);
  expect(isStaffWith("SALES", ["FINANCE"])).toBe(false);
  expect(isStaffWith("COMPLIANCE", [])).toBe(true);
  expect(isStaffWith("CUSTOMER_ADMIN", [])).toBe(false);
  expect(isStaffWith("CUSTOMER_ADMIN", ["CUSTOMER_ADMIN"])).toBe(false);
});
