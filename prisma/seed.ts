// `npm run db:seed`: the demo data of prisma/demo-data.ts into DATABASE_URL.
import "../server/load-env";
import { createDb } from "../server/db";
import { env } from "../server/env";
import { seedDemo } from "./demo-data";

const db = createDb(env().DATABASE_URL);
try {
  console.log(`seeded: ${JSON.stringify(await seedDemo(db))}`);
} finally {
  await db.$disconnect();
}
