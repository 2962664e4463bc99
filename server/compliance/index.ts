// Compliance (乙方 3 content, 乙方 6 recipients, 退订 opt-outs, signatures): the functions sending calls.
export { approvedSignature } from "./signatures";
export { classifyRecipients, type RecipientClass } from "./recipients";
export { recordInboundReply } from "./replies";
export { screenContent } from "./lexicon";
export { recordViolation, VIOLATION_KINDS, type ViolationKind } from "./violations";
