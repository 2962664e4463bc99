// The starter lexicon (乙方 3): what a fresh installation screens for until the bureau's COMPLIANCE
// staff make the list their own. Written by the project as a starting point, not an official list:
// it names the usual kinds of prohibited bulk SMS (gambling, fraud, pornography, illegal finance,
// forged documents, incitement to collective petitions) as BLOCK, and the promotional phrases that
// deserve a look before they go out as REVIEW. Terms match after screening's normalisation (NFKC,
// lower case, only letters and digits kept), so "六 合 彩" matches 六合彩. Loaded once, into an empty
// lexicon only (`npm run db:seed`, or `npm run db:lexicon` on an installation without demo data):
// terms the bureau removed are not brought back.
import type { Db } from "../db";
import type { LexiconAction } from "../generated/prisma/client";

interface StarterTerm {
  term: string;
  action: LexiconAction;
  /** The category, kept as the term's note. */
  category: string;
}

const group = (action: LexiconAction, category: string, terms: string[]): StarterTerm[] =>
  terms.map((term) => ({ term, action, category }));

export const STARTER_LEXICON: readonly StarterTerm[] = [
  ...group("BLOCK", "赌博 / gambling", [
    "网络赌博",
    "赌博网站",
    "六合彩",
    "百家乐",
    "时时彩",
    "博彩平台",
    "澳门赌场",
    "线上赌场",
    "赌球",
    "真人荷官",
  ]),
  ...group("BLOCK", "诈骗 / fraud", [
    "刷单返利",
    "兼职刷单",
    "冒充公检法",
    "转入安全账户",
    "解冻费",
    "退款理赔",
    "中奖手续费",
    "信用卡套现",
    "花呗套现",
  ]),
  ...group("BLOCK", "色情 / pornography", ["裸聊", "色情服务", "援交", "约炮", "一夜情"]),
  ...group("BLOCK", "非法金融 / illegal finance", [
    "套路贷",
    "裸贷",
    "高利贷",
    "非法集资",
    "原始股认购",
    "资金盘",
    "虚拟币传销",
    "外汇配资",
  ]),
  ...group("BLOCK", "假证发票 / forged documents and invoices", [
    "代开发票",
    "虚开发票",
    "办证刻章",
    "代办假证",
    "出售枪支",
  ]),
  ...group("BLOCK", "聚集上访 / collective petitions", ["集体上访", "聚众上访", "组织上访", "串联上访"]),
  ...group("REVIEW", "营销推广 / promotion (review before sending)", [
    "免费领取",
    "点击链接领取",
    "领取奖品",
    "恭喜中奖",
    "返现",
    "稳赚",
    "保本高收益",
    "内幕消息",
    "股票推荐",
    "加盟代理",
    "无抵押贷款",
    "低息贷款",
  ]),
];

/** Loads the starter lexicon into an empty lexicon; returns how many terms were added (0 when it had any). */
export async function seedStarterLexicon(db: Db): Promise<number> {
  if ((await db.lexiconTerm.count()) > 0) return 0;
  const { count } = await db.lexiconTerm.createMany({
    data: STARTER_LEXICON.map((t) => ({
      term: t.term,
      action: t.action,
      note: `${t.category}（初始词库 / starter list）`,
    })),
    skipDuplicates: true,
  });
  return count;
}
