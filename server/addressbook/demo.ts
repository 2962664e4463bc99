// The demo enterprise's address book (npm run db:seed with SEED_DEMO_API_KEY set): ten staff,
// 13800138000 to 13800138009, in 全体员工, and a few clients in 重点客户. Idempotent: contacts and
// groups that exist (by number, by name) are left as they are, missing memberships are added.
import type { DbTx } from "../db";
import type { ContactKindCode } from "./rules";

export const DEMO_STAFF_GROUP = "全体员工";
export const DEMO_CLIENT_GROUP = "重点客户";

const STAFF_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周婷", "吴刚"];

interface DemoContact {
  name: string;
  mobile: string;
  kind: ContactKindCode;
  tags: string[];
  note: string | null;
  group: string;
}

export const DEMO_CONTACTS: readonly DemoContact[] = [
  ...STAFF_NAMES.map((name, i) => ({
    name,
    mobile: `1380013800${i}`,
    kind: "STAFF" as const,
    tags: i < 2 ? ["管理层"] : [],
    note: null,
    group: DEMO_STAFF_GROUP,
  })),
  {
    name: "孙丽（华东贸易）",
    mobile: "13900139001",
    kind: "CLIENT",
    tags: ["VIP"],
    note: "季度对账联系人",
    group: DEMO_CLIENT_GROUP,
  },
  {
    name: "郑浩（宏达物流）",
    mobile: "13900139002",
    kind: "CLIENT",
    tags: ["VIP", "物流"],
    note: null,
    group: DEMO_CLIENT_GROUP,
  },
  { name: "冯雪（星辰零售）", mobile: "13900139003", kind: "CLIENT", tags: [], note: null, group: DEMO_CLIENT_GROUP },
];

export async function seedDemoContacts(db: DbTx, enterpriseId: string): Promise<{ contacts: number; groups: number }> {
  const groupNames = [...new Set(DEMO_CONTACTS.map((c) => c.group))];
  await db.contactGroup.createMany({ data: groupNames.map((name) => ({ enterpriseId, name })), skipDuplicates: true });
  await db.contact.createMany({
    data: DEMO_CONTACTS.map(({ group: _group, ...c }) => ({ ...c, enterpriseId })),
    skipDuplicates: true,
  });
  const groups = await db.contactGroup.findMany({
    where: { enterpriseId, name: { in: groupNames } },
    select: { id: true, name: true },
  });
  const contacts = await db.contact.findMany({
    where: { enterpriseId, mobile: { in: DEMO_CONTACTS.map((c) => c.mobile) } },
    select: { id: true, mobile: true },
  });
  const groupId = new Map(groups.map((g) => [g.name, g.id]));
  const contactId = new Map(contacts.map((c) => [c.mobile, c.id]));
  await db.contactGroupMember.createMany({
    data: DEMO_CONTACTS.flatMap((c) => {
      const g = groupId.get(c.group);
      const id = contactId.get(c.mobile);
      return g && id ? [{ groupId: g, contactId: id }] : [];
    }),
    skipDuplicates: true,
  });
  return { contacts: contacts.length, groups: groups.length };
}
