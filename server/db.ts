// The Prisma client: TypeScript query compiler over the `pg` driver adapter (no native engine).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
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

/** The pg pool under each client createDb made (Prisma's adapter runs on it too). */
const pools = new WeakMap<object, pg.Pool>();

export function createDb(databaseUrl: string, options: { max?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10, options: CONNECTION_OPTIONS });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/** Parameters as Prisma's adapter sends them: instants as UTC ISO text (for ::timestamp columns). */
function pgValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(pgValue);
  return value;
}

/**
 * A raw statement (Prisma.sql) with its result rows. On a client made by createDb it goes straight
 * to the client's pg pool, one round trip, without Prisma's query pipeline: for the sending
 * pipeline's set-based statements, whose parameters are arrays of thousands of values, that
 * pipeline's serialisation cost about a third of the process's CPU. In a transaction (or on a client
 * from elsewhere) it is the transaction's $queryRaw. Rows come as pg gives them: cast bigint
 * columns to text and read timestamps as text.
 */
export async function rawQuery<T>(db: DbTx, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db);
  if (!pool) return db.$queryRaw<T[]>(query);
  const result = await pool.query(query.text, query.values.map(pgValue));
  return result.rows as T[];
}

const globalForDb = globalThis as unknown as { qxtDb?: PrismaClient };

/** The process-wide client, created on first use. */
export function db(): PrismaClient {
  globalForDb.qxtDb ??= createDb(env().DATABASE_URL);
  return globalForDb.qxtDb;
}
