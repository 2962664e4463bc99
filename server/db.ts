// The Prisma client: TypeScript query compiler over the `pg` driver adapter (no native engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;
/** A transaction handle or the client itself: what services take as their `db` parameter. */
export type DbTx = Prisma.TransactionClient | PrismaClient;

export function createDb(databaseUrl: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { qxtDb?: PrismaClient };

/** The process-wide client, created on first use. */
export function db(): PrismaClient {
  globalForDb.qxtDb ??= createDb(env().DATABASE_URL);
  return globalForDb.qxtDb;
}
