// Real PostgreSQL for integration tests: a template database migrated once per run
// (global-setup.ts), and a fresh copy of it for every test file. Nothing is mocked.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "../db";

export const ADMIN_DATABASE_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database of its own. Call drop() in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `qxt_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (!template)
    throw new Error("TEST_TEMPLATE_DATABASE is not set: run integration tests through vitest (global-setup.ts)");
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = databaseUrl(name);
  const db = createDb(url, { max: 5 });
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
