// The party fields of 乙方 that a change request can touch, in the order the agreement prints them.
// Pure: forms and tables on the client import it too.

export const PARTY_FIELDS = [
  "name",
  "legalRepresentative",
  "address",
  "phone",
  "uscc",
  "bankName",
  "bankAccount",
  "contactName",
  "contactEmail",
  "contactMobile",
] as const;
export type PartyField = (typeof PARTY_FIELDS)[number];

export type FieldChange = { from: string; to: string };
/** A change request's content: each changed field with its value before and after. */
export type ChangeSet = Partial<Record<PartyField, FieldChange>>;

export type { RequestStatus } from "../generated/prisma/enums";
