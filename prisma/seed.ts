// `npm run db:seed`: the demo data of prisma/demo-data.ts into DATABASE_URL, and the starter lexicon
// into an empty lexicon. `npm run db:lexicon` (--lexicon-only): the starter lexicon alone, for an
// installation without demo data.
import "../server/load-env";
import { seedDemoContacts } from "../server/addressbook/demo";
import { registerDemoApiKey } from "../server/api-keys/keys";
import { seedStarterLexicon } from "../server/compliance/starter-lexicon";
import { createDb } from "../server/db";
import { env } from "../server/env";
import { seedDemo } from "./demo-data";

const db = createDb(env().DATABASE_URL);
try {
  console.log(`starter lexicon: ${await seedStarterLexicon(db)} terms added`);
  if (!process.argv.includes("--lexicon-only")) await seedDemoData();
} finally {
  await db.$disconnect();
}

async function seedDemoData() {
  console.log(`seeded: ${JSON.stringify(await seedDemo(db))}`);
  // 示例科技有限公司's address book: 13800138000..09 as STAFF in 全体员工, a few clients (idempotent).
  const demoEnterprise = await db.enterprise.findFirstOrThrow({
    where: { name: "示例科技有限公司" },
    select: { id: true },
  });
  console.log(`demo contacts: ${JSON.stringify(await seedDemoContacts(db, demoEnterprise.id))}`);
  // SEED_DEMO_API_KEY: that value becomes an API key of 示例科技有限公司 (idempotent).
  const demoApiKey = process.env.SEED_DEMO_API_KEY?.trim();
  if (demoApiKey) {
    const demo = await db.enterprise.findFirstOrThrow({ where: { name: "示例科技有限公司" }, select: { id: true } });
    console.log(`demo API key: ${JSON.stringify(await registerDemoApiKey(db, demo.id, demoApiKey))}`);
    // So that the key can send at once: the signature 【示例科技】, approved by COMPLIANCE, unless one is in force.
    if (!(await db.smsSignature.findFirst({ where: { enterpriseId: demo.id, status: "APPROVED" } }))) {
      const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.example.com" } });
      const compliance = await db.user.findUniqueOrThrow({ where: { email: "compliance@bureau.example.com" } });
      await db.smsSignature.create({
        data: {
          enterpriseId: demo.id,
          text: "示例科技",
          status: "APPROVED",
          createdById: admin.id,
          decidedById: compliance.id,
          decidedAt: new Date(),
        },
      });
      console.log("demo signature: 【示例科技】 approved");
    }
  }
}
