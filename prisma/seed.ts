// `npm run db:seed`: the demo data of prisma/demo-data.ts into DATABASE_URL.
import "../server/load-env";
import { seedDemoContacts } from "../server/addressbook/demo";
import { registerDemoApiKey } from "../server/api-v1/keys";
import { createDb } from "../server/db";
import { env } from "../server/env";
import { seedDemo } from "./demo-data";

const db = createDb(env().DATABASE_URL);
try {
  console.log(`seeded: ${JSON.stringify(await seedDemo(db))}`);
  // 示例科技有限公司's address book: 13800138000..09 as STAFF in 全体员工, a few clients (idempotent).
  const demoEnterprise = await db.enterprise.findFirstOrThrow({ where: { name: "示例科技有限公司" }, select: { id: true } });
  console.log(`demo contacts: ${JSON.stringify(await seedDemoContacts(db, demoEnterprise.id))}`);
  // SEED_DEMO_API_KEY: that value becomes an API key of 示例科技有限公司 (idempotent).
  const demoApiKey = process.env.SEED_DEMO_API_KEY?.trim();
  if (demoApiKey) {
    const demo = await db.enterprise.findFirstOrThrow({ where: { name: "示例科技有限公司" }, select: { id: true } });
    console.log(`demo API key: ${JSON.stringify(await registerDemoApiKey(db, demo.id, demoApiKey))}`);
  }
} finally {
  await db.$disconnect();
}
