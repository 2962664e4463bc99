// Migrates a template database once per test run with the committed migrations. Each run gets its
// own template name, so test runs started side by side never drop each other's template.
import { execFileSync } from "node:child_process";
import { adminQuery, databaseUrl } from "./database";

export default async function setup() {
  const template = process.env.TEST_TEMPLATE_DATABASE ?? `qxt_test_template_${process.pid}`;
  // Workers start after this and inherit the name.
  process.env.TEST_TEMPLATE_DATABASE = template;
  await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${template}"`);
  execFileSync("npm", ["run", "--silent", "db:migrate"], {
    env: { ...process.env, DATABASE_URL: databaseUrl(template) },
    stdio: "pipe",
  });
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  };
}
