// Migrates the template database once per test run with the committed migrations.
import { execFileSync } from "node:child_process";
import { adminQuery, databaseUrl, TEMPLATE_DATABASE } from "./database";

export default async function setup() {
  await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  execFileSync("npm", ["run", "--silent", "db:migrate"], {
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DATABASE) },
    stdio: "pipe",
  });
}
