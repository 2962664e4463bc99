// The checks every entry of 乙方's party details passes, whoever enters them.
import { AppError } from "../errors";
import { isPhoneNumber, normalizeMobile } from "../phone";
import { normalizeUscc, usccProblem } from "./uscc";

export interface PartyFields {
  name: string;
  legalRepresentative: string;
  address: string;
  phone: string;
  uscc: string;
  bankName: string;
  bankAccount: string;
  contactName: string;
  contactEmail: string;
  contactMobile: string;
}

/** USCC_INVALID saying why (length, characters, format or check character) unless the code is valid. */
export function assertValidUscc(uscc: string): void {
  const problem = usccProblem(uscc);
  if (problem) throw new AppError("USCC_INVALID", { problem, reasonKey: `usccProblems.${problem}` });
}

/** Normalises USCC and mobile; throws USCC_INVALID, PHONE_INVALID or MOBILE_INVALID. */
export function checkedPartyFields<T extends PartyFields>(fields: T): T {
  const uscc = normalizeUscc(fields.uscc);
  assertValidUscc(uscc);
  if (!isPhoneNumber(fields.phone)) throw new AppError("PHONE_INVALID");
  const contactMobile = normalizeMobile(fields.contactMobile);
  if (!contactMobile) throw new AppError("MOBILE_INVALID");
  return { ...fields, uscc, contactMobile };
}
