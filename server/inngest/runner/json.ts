// Step and run outputs are stored as JSON, and a step returns the same JSON value whether it just ran
// or was replayed from the database (as with Inngest: dates become ISO strings, undefined becomes null).
import { Prisma } from "../../generated/prisma/client";

export type JsonValue = Prisma.JsonValue;

export function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

/** A value for a nullable Json column: SQL NULL is not a JSON null, so Prisma wants a marker. */
export function jsonColumn(value: JsonValue): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  return value === null ? Prisma.JsonNull : (value as Prisma.InputJsonValue);
}
