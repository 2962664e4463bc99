// The Prisma client: TypeScript query compiler over the `pg` driver adapter (no native engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;
/** A transaction handle or the client itself: what services take as their `db` parameter. */
export type DbTx = Prisma.TransactionClient | PrismaClient;

/**
 * Every connection runs with PostgreSQL's JIT compilation off. The app's statements are short index
 * probes and set-based writes of at most a few thousand rows; while a big send grows the tables
 * faster than their statistics are refreshed, the planner's estimates push such statements over
 * jit_above_cost and each spent 0.5-0.7 s compiling for 50 ms of work (the 100,000-recipient
 * bench:send applied 736 receipts/s). Set once per connection (startup option), not per statement.
 */
const CONNECTION_OPTIONS = "-c jit=off";

export function createDb(databaseUrl: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10, options: CONNECTION_OPTIONS });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { qxtDb?: PrismaClient };

/** The process-wide client, created on first use. */
export function db(): PrismaClient {
  globalForDb.qxtDb ??= createDb(env().DATABASE_URL);
  return globalForDb.qxtDb;
}
