// What an audit entry changed, read back from its `detail` (JSON written by many services over
// time). Services record changed fields as `{ field: { from, to } }` (contract terms, lexicon,
// contacts, party details), a state change as a bare `{ from, to }`, or a pair of snapshots
// `{ before: {...}, after: {...} }`; everything else in the detail is a fact about the event
// (a reason, an amount, an e-mail). Pure, so the viewer and its tests read entries the same way.
import type { Prisma } from "../generated/prisma/client";

type Json = Prisma.JsonValue;

export interface AuditChange {
  /** The field that changed; VALUE_FIELD for a bare `{ from, to }`. */
  field: string;
  before: Json;
  after: Json;
}

export interface AuditFact {
  field: string;
  value: Json;
}

export interface AuditDetailView {
  changes: AuditChange[];
  facts: AuditFact[];
}

/** The field name given to a detail that is itself one `{ from, to }` change. */
export const VALUE_FIELD = "value";

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `{ from, to }` or `{ to }` and nothing else. */
function isFromTo(value: unknown): value is { from?: Json; to: Json } {
  return isRecord(value) && "to" in value && Object.keys(value).every((k) => k === "from" || k === "to");
}

const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function auditDetailView(detail: Json | undefined): AuditDetailView {
  const view: AuditDetailView = { changes: [], facts: [] };
  if (detail === null || detail === undefined) return view;
  if (!isRecord(detail)) {
    view.facts.push({ field: "detail", value: detail });
    return view;
  }
  const rest: Record<string, Json> = { ...detail };
  if ("to" in rest && "from" in rest && !isRecord(rest.to)) {
    view.changes.push({ field: VALUE_FIELD, before: rest.from ?? null, after: rest.to ?? null });
    delete rest.from;
    delete rest.to;
  }
  if (isRecord(rest.before) && isRecord(rest.after)) {
    const before = rest.before;
    const after = rest.after;
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!same(before[field], after[field]))
        view.changes.push({ field, before: before[field] ?? null, after: after[field] ?? null });
    }
    delete rest.before;
    delete rest.after;
  }
  // A nested change set (`changes: { field: { from, to } }`) reads like the top level.
  const nested = isRecord(rest.changes) && Object.values(rest.changes).every(isFromTo) ? rest.changes : null;
  if (nested) delete rest.changes;
  for (const [field, value] of [...Object.entries(rest), ...Object.entries(nested ?? {})]) {
    if (isFromTo(value)) view.changes.push({ field, before: value.from ?? null, after: value.to });
    else view.facts.push({ field, value });
  }
  return view;
}
