export const billingZh = {
  reminders: {
    subject: {
      BEFORE_DUE: "【企信通】账单 {number} 将于 {dueDate} 到期",
      DUE: "【企信通】账单 {number} 今日到期",
      GRACE: "【企信通】账单 {number} 已逾期，正在计收违约金",
      SUSPENSION: "【企信通】因欠费，短信发送已暂停",
    },
    body: {
      BEFORE_DUE: "尊敬的{customer}：您 {period} 的账单 {number} 应付 {owed} 元，缴费期截止 {dueDate}。请按时缴费。",
      DUE: "尊敬的{customer}：您 {period} 的账单 {number} 应付 {owed} 元，今日（{dueDate}）为缴费期最后一天。",
      GRACE: "尊敬的{customer}：账单 {number} 已逾期，当前欠款 {owed} 元（含违约金）。宽限期至 {graceEnd}，逾期按日计收违约金，超过 {suspendAfter} 仍未结清将暂停发送。",
      SUSPENSION: "尊敬的{customer}：账单 {number} 欠款 {owed} 元（含违约金）逾期未结清，短信发送已暂停。结清全部欠款后自动恢复。",
    },
  },
  statementLine: {
    BASE_FEE: "基本月租",
    OVERAGE: "超出短信",
    LATE_FEE_CARRIED: "上期违约金",
    ADJUSTMENT: "调整",
  },
  paymentMethod: {
    CASH: "现金",
    CHEQUE: "支票",
    BANK_TRANSFER: "银行转账",
  },
  aging: {
    CURRENT: "未到期",
    D1_30: "逾期 1–30 天",
    D31_60: "逾期 31–60 天",
    D61_90: "逾期 61–90 天",
    D90_PLUS: "逾期 90 天以上",
  },
  packageChangeStatus: {
    PENDING: "待生效",
    APPLIED: "已生效",
    WITHDRAWN: "已撤回",
  },
};
