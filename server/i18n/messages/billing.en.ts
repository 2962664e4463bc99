import type { Messages } from "../types";

export const billingEn: Messages["billing"] = {
  reminders: {
    subject: {
      BEFORE_DUE: "[QiXinTong] Statement {number} is due on {dueDate}",
      DUE: "[QiXinTong] Statement {number} is due today",
      GRACE: "[QiXinTong] Statement {number} is overdue; late fees are accruing",
      SUSPENSION: "[QiXinTong] Sending is suspended for unpaid charges",
    },
    body: {
      BEFORE_DUE: "Dear {customer}: statement {number} for {period}, {owed} yuan, is due by {dueDate}. Please pay on time.",
      DUE: "Dear {customer}: statement {number} for {period}, {owed} yuan, is due today ({dueDate}).",
      GRACE: "Dear {customer}: statement {number} is overdue; {owed} yuan is owed including late fees. The grace period ends on {graceEnd}; late fees accrue daily, and sending is suspended if it is still unpaid after {suspendAfter}.",
      SUSPENSION: "Dear {customer}: statement {number} is unpaid ({owed} yuan including late fees) and sending is suspended. Paying everything owed lifts the suspension at once.",
    },
  },
  statementLine: {
    BASE_FEE: "Monthly base fee",
    OVERAGE: "Messages over the included amount",
    LATE_FEE_CARRIED: "Late fees of earlier statements",
    ADJUSTMENT: "Adjustment",
  },
  paymentMethod: {
    CASH: "Cash",
    CHEQUE: "Cheque",
    BANK_TRANSFER: "Bank transfer",
  },
  aging: {
    CURRENT: "Not yet due",
    D1_30: "1–30 days overdue",
    D31_60: "31–60 days overdue",
    D61_90: "61–90 days overdue",
    D90_PLUS: "Over 90 days overdue",
  },
  packageChangeStatus: {
    PENDING: "Pending",
    APPLIED: "Applied",
    WITHDRAWN: "Withdrawn",
  },
};
