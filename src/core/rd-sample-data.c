/* rd-sample-data.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sample's raw material: see rd-sample-data.h. */

#include "config.h"

#include "rd-sample-data.h"

const Market _rd_sample_markets[N_SAMPLE_MARKETS] = {
  { "US", "USD", CULTURE_EN, "com", "+1", 18, 1 },
  { "GB", "GBP", CULTURE_EN, "co.uk", "+44", 9, 1 },
  { "IE", "EUR", CULTURE_EN, "ie", "+353", 3, 1 },
  { "NL", "EUR", CULTURE_EN, "nl", "+31", 4, 1 },
  { "FR", "EUR", CULTURE_EN, "fr", "+33", 4, 1 },
  { "ES", "EUR", CULTURE_EN, "es", "+34", 3, 1 },
  { "SE", "SEK", CULTURE_EN, "se", "+46", 2, 10 },
  { "SG", "SGD", CULTURE_EN, "sg", "+65", 3, 1 },
  { "AU", "AUD", CULTURE_EN, "com.au", "+61", 3, 2 },
  { "CA", "CAD", CULTURE_EN, "ca", "+1", 3, 1 },
  { "DE", "EUR", CULTURE_DE, "de", "+49", 10, 1 },
  { "AT", "EUR", CULTURE_DE, "at", "+43", 3, 1 },
  { "CH", "CHF", CULTURE_DE, "ch", "+41", 4, 1 },
  { "HU", "HUF", CULTURE_HU, "hu", "+36", 6, 400 },
  { "JP", "JPY", CULTURE_JA, "co.jp", "+81", 6, 150 },
  { "MY", "MYR", CULTURE_MS, "com.my", "+60", 5, 5 },
  { "CN", "CNY", CULTURE_ZH, "cn", "+86", 5, 8 },
};

const Word _rd_sample_company_first[N_CULTURES][10] = {
  [CULTURE_EN] = {
    { "Northwind", "northwind" }, { "Bluebird", "bluebird" }, { "Summit", "summit" },
    { "Harbor", "harbor" }, { "Redwood", "redwood" }, { "Silverline", "silverline" },
    { "Brightpath", "brightpath" }, { "Ironbridge", "ironbridge" }, { "Meridian", "meridian" },
    { "Evergreen", "evergreen" },
  },
  [CULTURE_DE] = {
    { "Bergmann", "bergmann" }, { "Schäfer", "schaefer" }, { "Nordlicht", "nordlicht" },
    { "Rheinwerk", "rheinwerk" }, { "Alpenblick", "alpenblick" }, { "Hansa", "hansa" },
    { "Weißdorn", "weissdorn" }, { "Sonnenberg", "sonnenberg" }, { "Lindenhof", "lindenhof" },
    { "Falkenstein", "falkenstein" },
  },
  [CULTURE_HU] = {
    { "Duna", "duna" }, { "Tisza", "tisza" }, { "Balaton", "balaton" }, { "Mátra", "matra" },
    { "Hajnal", "hajnal" }, { "Kőrös", "koros" }, { "Pannon", "pannon" }, { "Bükk", "bukk" },
    { "Zemplén", "zemplen" }, { "Hargita", "hargita" },
  },
  [CULTURE_JA] = {
    { "桜", "sakura" }, { "富士", "fuji" }, { "大和", "yamato" }, { "青葉", "aoba" },
    { "星野", "hoshino" }, { "橘", "tachibana" }, { "緑川", "midorikawa" }, { "川口", "kawaguchi" },
    { "北斗", "hokuto" }, { "朝日", "asahi" },
  },
  [CULTURE_MS] = {
    { "Suria", "suria" }, { "Bintang", "bintang" }, { "Cahaya", "cahaya" },
    { "Gemilang", "gemilang" }, { "Mutiara", "mutiara" }, { "Harapan", "harapan" },
    { "Sinar", "sinar" }, { "Wawasan", "wawasan" }, { "Kenanga", "kenanga" }, { "Seri", "seri" },
  },
  [CULTURE_ZH] = {
    { "华信", "huaxin" }, { "金龙", "jinlong" }, { "天宇", "tianyu" }, { "恒达", "hengda" },
    { "星河", "xinghe" }, { "龙门", "longmen" }, { "白云", "baiyun" }, { "瑞丰", "ruifeng" },
    { "东方", "dongfang" }, { "长城", "changcheng" },
  },
};


const char * const _rd_sample_industries[N_INDUSTRIES] = {
  "Software", "Retail", "Manufacturing", "Healthcare", "Logistics",
  "Hospitality", "Finance", "Education", "Energy", "Media",
};

/* The industry word in each culture's company names, by industry. */
const char * const _rd_sample_company_second[N_CULTURES][N_INDUSTRIES] = {
  [CULTURE_EN] = { "Software", "Retail", "Manufacturing", "Health", "Logistics",
                   "Hotels", "Capital", "Learning", "Energy", "Media" },
  [CULTURE_DE] = { "Software", "Handel", "Maschinenbau", "Medizintechnik", "Logistik",
                   "Hotellerie", "Finanz", "Bildung", "Energie", "Verlag" },
  [CULTURE_HU] = { "Informatika", "Kereskedelmi", "Gépgyártó", "Egészségügyi", "Logisztika",
                   "Vendéglátó", "Pénzügyi", "Oktatási", "Energia", "Média" },
  [CULTURE_JA] = { "ソフト", "商事", "精密工業", "メディカル", "運輸",
                   "ホテルズ", "ファイナンス", "教育", "電力", "メディア" },
  [CULTURE_MS] = { "Teknologi", "Niaga", "Pembuatan", "Perubatan", "Logistik",
                   "Hospitaliti", "Kewangan", "Pendidikan", "Tenaga", "Media" },
  [CULTURE_ZH] = { "科技", "贸易", "制造", "医疗", "物流",
                   "酒店", "金融", "教育", "能源", "传媒" },
};

const char * const _rd_sample_company_suffix[N_CULTURES][3] = {
  [CULTURE_EN] = { "Inc.", "Ltd", "Group" },
  [CULTURE_DE] = { "GmbH", "AG", "GmbH & Co. KG" },
  [CULTURE_HU] = { "Kft.", "Zrt.", "Kft." },
  [CULTURE_JA] = { "株式会社", "株式会社", "株式会社" },
  [CULTURE_MS] = { "Sdn. Bhd.", "Berhad", "Sdn. Bhd." },
  [CULTURE_ZH] = { "有限公司", "股份有限公司", "有限公司" },
};

const char * const _rd_sample_given_names[N_CULTURES][8] = {
  [CULTURE_EN] = { "Olivia", "James", "Amelia", "Noah", "Grace", "Liam", "Sophie", "Ethan" },
  [CULTURE_DE] = { "Lena", "Jonas", "Marie", "Lukas", "Sophie", "Felix", "Jürgen", "Anja" },
  [CULTURE_HU] = { "Zoltán", "Eszter", "Gábor", "Réka", "László", "Katalin", "Bence", "Dóra" },
  [CULTURE_JA] = { "Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Kenji", "Yuki" },
  [CULTURE_MS] = { "Nurul", "Ahmad", "Siti", "Hafiz", "Aisyah", "Faris", "Mei Ling", "Arjun" },
  [CULTURE_ZH] = { "Wei", "Fang", "Jing", "Lei", "Xiu", "Hao", "Min", "Yan" },
};

const char * const _rd_sample_family_names[N_CULTURES][8] = {
  [CULTURE_EN] = { "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Clarke", "Walker" },
  [CULTURE_DE] = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner",
                   "Hoffmann" },
  [CULTURE_HU] = { "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár" },
  [CULTURE_JA] = { "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto",
                   "Nakamura" },
  [CULTURE_MS] = { "Abdullah", "Ismail", "Rahman", "Hassan", "Tan", "Lim", "Wong", "Kumar" },
  [CULTURE_ZH] = { "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang" },
};

const char * const _rd_sample_owners[N_SAMPLE_OWNERS] = {
  "Anna Kovács", "Ben Hoffmann", "Chloe Martin", "Daniel Tan", "Emi Sato", "Farah Aziz",
};

const char * const _rd_sample_notes[N_SAMPLE_NOTES] = {
  "Renewal owner changed in Q2; keep the CFO in the loop.",
  "Asked for a usage review before talking about price.",
  "Strong champion, but procurement runs a tender every three years.",
  "Budget freeze rumoured for next quarter.",
  "Expanding to a second site; upsell opportunity.",
  "Quarterly business review scheduled; bring adoption numbers.",
  "Legal wants the new data processing addendum signed first.",
  "Happy with support; slow to sign paperwork.",
  "Evaluating a cheaper competitor for one department.",
  "Executive sponsor retires at the end of the year.",
};

const char * const _rd_sample_churn_reasons[N_SAMPLE_CHURN_REASONS] = {
  "Moving to an in-house tool after their merger.",
  "The parent company standardises on another vendor next year.",
  "Low adoption since the team that asked for it was disbanded.",
};

#define S(name) RD_SIGNAL_BIT (RD_SIGNAL_##name)

/* What happens in each story; the dates are set by story_dates(). */
const Script _rd_sample_scripts[N_STORIES] = {
  [STORY_BUDGET] = {
    RD_CAUSE_BUDGET, S (SPECIFIC_EXPLANATION) | S (OFFERED_TIMELINE),
    "Finance holds the renewal until next quarter's software budget is released.",
    {
      { RD_ROLE_ECONOMIC_BUYER, FALSE,
        "The renewal is in next quarter's plan. Finance releases the money in two weeks and I "
        "sign the same day.", S (SPECIFIC_EXPLANATION) | S (OFFERED_TIMELINE) },
      { RD_ROLE_CHAMPION, FALSE,
        "Sorry this is slow again. I will tell you the moment the purchase order exists.",
        S (APOLOGETIC) | S (PROACTIVE_UPDATES) },
      { RD_ROLE_PROCUREMENT, FALSE,
        "Your order form is complete; we only need the budget line before we raise the "
        "purchase order.", S (SPECIFIC_EXPLANATION) | S (ASKS_NEXT_STEPS) },
    },
    {
      "Next quarter's budget release, then the purchase order.",
      "The economic buyer signs; procurement raises the purchase order.",
      "Nothing from us: the order form and vendor forms are with procurement.",
      "None about us: it is fiscal timing.",
      "The day after the budget is released.",
      "Sent an executive summary and ROI figures for their finance review.",
      "No: they confirmed they want to renew as is.",
    },
    "Learned their approval steps from procurement, pre-filled the order form and sent the "
    "executive summary their CFO asked for.",
    "Every date they gave so far was kept; procurement confirmed the paperwork is complete.",
    "Confirm the purchase order number with procurement",
    NULL, NULL, NULL,
    "Renews every year on the new budget; finance is slow but predictable.",
  },
  [STORY_PRIORITY] = {
    RD_CAUSE_PRIORITY, S (APOLOGETIC) | S (OFFERED_TIMELINE),
    "They are in the middle of a warehouse system go-live; the renewal is queued for the week "
    "after.",
    {
      { RD_ROLE_CHAMPION, FALSE,
        "We will renew, nothing has changed. I just cannot look at contracts until the go-live; "
        "give me until the end of the month.", S (APOLOGETIC) | S (OFFERED_TIMELINE) },
      { RD_ROLE_ECONOMIC_BUYER, FALSE,
        "Send me the renewal on one page and I will sign it after the cut-over.",
        S (SPECIFIC_EXPLANATION) | S (ASKS_NEXT_STEPS) },
    },
    {
      "Their go-live; the renewal itself needs one signature.",
      "Only the economic buyer.",
      "Nothing.",
      NULL,
      "The first week after the go-live.",
      "Offered a one-page summary with the three options.",
      "No.",
    },
    "Sent the one-page summary with the three options and the early-renewal discount for "
    "signing 30 days before the end.",
    "Thanked us for keeping it short and proposed a date themselves.",
    "Send the signature link after their go-live",
    NULL, NULL, NULL,
    "Quiet, happy customer; busy with a warehouse system project this quarter.",
  },
  [STORY_EXTENDED] = {
    RD_CAUSE_BUDGET, S (SPECIFIC_EXPLANATION) | S (OFFERED_TIMELINE) | S (PROACTIVE_UPDATES),
    "Their new fiscal year starts after our contract ends; the renewal is in next year's "
    "budget.",
    {
      { RD_ROLE_ECONOMIC_BUYER, FALSE,
        "The renewal is approved in next year's budget. Purchase orders open ten days into "
        "the new year.", S (SPECIFIC_EXPLANATION) | S (OFFERED_TIMELINE) },
      { RD_ROLE_CHAMPION, FALSE,
        "I will send you the purchase order number the day it exists.",
        S (PROACTIVE_UPDATES) },
      { RD_ROLE_PROCUREMENT, FALSE,
        "Can we cover the gap with an extension at the current rate?", S (ASKS_NEXT_STEPS) },
    },
    {
      "Purchase orders for the new fiscal year.",
      "The economic buyer and procurement.",
      "Nothing: the budget is approved.",
      NULL,
      "Ten days into their new fiscal year.",
      "Offered a 30-day extension at the current rate to cover the gap.",
      "No.",
    },
    "Offered three bridges; they took the 30-day extension at the current rate.",
    "Signed the extension within three days of asking.",
    "Send the renewal order form for the new fiscal year",
    NULL, NULL, NULL,
    "Fiscal year starts later than our contract; extended to bridge the gap.",
  },
  [STORY_STAKEHOLDERS] = {
    RD_CAUSE_STAKEHOLDERS, S (VAGUE) | S (NO_TIMELINE),
    "“We need to align internally first. We'll let you know.”",
    {
      { RD_ROLE_CHAMPION, FALSE,
        "I want to renew, but our new IT director is reviewing every tool and I do not know "
        "who signs this year.", S (ASKS_NEXT_STEPS) },
      { RD_ROLE_ECONOMIC_BUYER, FALSE,
        "We will get back to you once we have discussed it internally.",
        S (VAGUE) | S (NO_TIMELINE) },
      { RD_ROLE_EXECUTIVE, FALSE,
        "I was not aware the renewal was due. Who asked for it?", S (VAGUE) },
    },
    {
      "An internal review of every tool, with no date.",
      "The IT director, the economic buyer and the champion; nobody could say who decides.",
      "Who signs this year, and what the review needs from us.",
      NULL,
      "They could not say.",
      "Offered to join their review meeting with one page for each stakeholder.",
      "They say no; the IT director did not answer.",
    },
    "Asked each stakeholder separately; their stories do not match.",
    "Polite, but nobody committed to a date.",
    "Offer to join their review meeting with one page per stakeholder",
    "A call between our VP and their IT director to find out who decides.",
    NULL, NULL,
    "New IT director since spring; several approvers.",
  },
  [STORY_CHAMPION_CHANGE] = {
    RD_CAUSE_CHAMPION_CHANGE, S (NO_TIMELINE),
    "Our champion moved to another division; the new owner wants to understand the product "
    "before renewing.",
    {
      { RD_ROLE_CHAMPION, FALSE,
        "I inherited this contract last month. Before I sign anything I need to see how my team "
        "actually uses it.", S (ASKS_NEXT_STEPS) | S (NO_TIMELINE) },
      { RD_ROLE_CHAMPION, TRUE,
        "I am still happy to be a reference, but it is not my budget any more.",
        S (SPECIFIC_EXPLANATION) },
      { RD_ROLE_ECONOMIC_BUYER, FALSE, "It is the new owner's call now.", S (VAGUE) },
    },
    {
      "The new owner's review of how the team uses the product.",
      "The new owner; the economic buyer defers to them.",
      "Usage figures and the original business case.",
      NULL,
      "After the usage walkthrough.",
      "Offered a walkthrough of their usage data with the team leads.",
      NULL,
    },
    "Sent the usage report and the original business case; asked the former champion for an "
    "introduction.",
    "Open to a walkthrough, but would not give a decision date.",
    "Walk the new owner through their team's usage",
    NULL, NULL, NULL,
    "Champion moved to another division; a new owner since last month.",
  },
  [STORY_HIDDEN_PROBLEM] = {
    RD_CAUSE_HIDDEN_PROBLEM, S (RAISES_ISSUES) | S (STRAINED_RELATIONSHIP),
    "“Let's revisit this after the holidays.”",
    {
      { RD_ROLE_CHAMPION, FALSE,
        "To be honest, people lost trust after the two outages in the spring.",
        S (RAISES_ISSUES) | S (SPECIFIC_EXPLANATION) },
      { RD_ROLE_ECONOMIC_BUYER, FALSE, "I am not signing anything until I see it fixed.",
        S (DEFENSIVE) | S (NO_TIMELINE) },
      { RD_ROLE_USER, FALSE,
        "The Monday morning slowdowns cost my team hours every week, and nobody tells us what "
        "is being done.", S (RAISES_ISSUES) | S (STRAINED_RELATIONSHIP) },
    },
    {
      "Nothing formal: they are holding back because of the slowdowns.",
      "The operations team, who use it every day, and the economic buyer.",
      NULL,
      "Reporting slowdowns at peak times and slow answers from support.",
      "At each check-in of the recovery plan.",
      "Agreed a recovery plan for the next 48 hours, 30 days and 90 days.",
      "Not yet, but the economic buyer hinted at it.",
    },
    "Let them vent in a call with the operations team, listed every concern and agreed which "
    "ones must be fixed first.",
    "If we deliver the plan, it addresses their concerns enough to renew.",
    "Send the weekly response-time report",
    "An engineer from the reporting team for the 30-day fix.",
    NULL, NULL,
    "Two outages in the spring; the operations team is unhappy.",
  },
  [STORY_SHOPPING] = {
    RD_CAUSE_SHOPPING, S (EVALUATING_ALTERNATIVES),
    "Procurement has opened a formal tender for the renewal.",
    {
      { RD_ROLE_PROCUREMENT, FALSE,
        "This year we run a formal RFP with three vendors. The scoring criteria will follow.",
        S (EVALUATING_ALTERNATIVES) | S (SPECIFIC_EXPLANATION) },
      { RD_ROLE_CHAMPION, FALSE,
        "I still prefer you, but the decision is out of my hands this time.", S (APOLOGETIC) },
      { RD_ROLE_ECONOMIC_BUYER, FALSE, "Another vendor quoted a third less. Why should we pay more?",
        S (SUDDEN_BUDGET_CONCERN) | S (EVALUATING_ALTERNATIVES) },
    },
    {
      "Their tender: scoring, a shortlist, then a decision.",
      "Procurement runs it; the CFO decides on price.",
      "Their scoring criteria, promised but not sent.",
      "Price.",
      "Before the shortlist is drawn.",
      "Asked for a meeting with the CFO, with our value review and two references.",
      "Yes: a formal RFP with two other vendors.",
    },
    "Mapped every stakeholder, sent the value review of the last twelve months and lined up two "
    "references.",
    "Procurement confirmed the tender; the champion supports us but does not decide.",
    "Ask for the CFO meeting and bring a multi-year price lock",
    "Our executive sponsor in the CFO meeting; approval for a multi-year price lock.",
    NULL, NULL,
    "Procurement runs a tender every three years; price-sensitive CFO.",
  },
  [STORY_RENEWED] = {
    RD_CAUSE_PRIORITY, S (SPECIFIC_EXPLANATION) | S (OFFERED_TIMELINE),
    "Their legal team has a queue; the new data processing addendum is third in line.",
    {
      { RD_ROLE_CHAMPION, FALSE,
        "Legal has a queue; the addendum is third in line and should be done in two weeks.",
        S (SPECIFIC_EXPLANATION) | S (OFFERED_TIMELINE) },
      { RD_ROLE_LEGAL, FALSE, "Two clauses to check, nothing unusual.",
        S (SPECIFIC_EXPLANATION) },
      { RD_ROLE_ECONOMIC_BUYER, FALSE, "Send me the order form as soon as legal is done.",
        S (ASKS_NEXT_STEPS) },
    },
    {
      "Legal review of the data processing addendum.",
      "Their legal team, then the economic buyer.",
      "Nothing.",
      NULL,
      "When legal is done, in about two weeks.",
      "Sent the addendum with a summary of the changes.",
      "No.",
    },
    "Sent the addendum with a summary of the changes and the expansion quote for the second "
    "site.",
    "Legal finished a day early; the buyer signed the same week.",
    NULL, NULL,
    "Renewed a month before the end, with a second site, at the early-renewal discount.",
    "Starting 120 days out left room for their legal queue. Sending the addendum with the "
    "proposal instead of after it would have saved two weeks.",
    "Renewed early with a second site.",
  },
  [STORY_LOST] = {
    RD_CAUSE_SHOPPING, S (VAGUE) | S (EVALUATING_ALTERNATIVES),
    "“We are reviewing our vendor list.”",
    {
      { RD_ROLE_CHAMPION, FALSE,
        "Our new CFO is consolidating vendors, and I am not in the room any more.",
        S (EVALUATING_ALTERNATIVES) | S (STRAINED_RELATIONSHIP) },
      { RD_ROLE_ECONOMIC_BUYER, FALSE, "We have a cheaper offer.",
        S (SUDDEN_BUDGET_CONCERN) | S (EVALUATING_ALTERNATIVES) },
    },
    {
      "A vendor review by their new CFO.",
      "The CFO alone.",
      NULL,
      "Price.",
      NULL,
      "Offered a multi-year price lock and a meeting with our CEO.",
      "Yes: Orbit Success.",
    },
    "Offered a multi-year price lock and an executive meeting; the CFO declined both.",
    "Chose the cheaper offer.",
    NULL, NULL,
    "Lost to Orbit Success on price.",
    "We heard about the tender two weeks before the end. Start 120 days out and keep more than "
    "one contact: the champion had no say once the CFO changed.",
    "Lost to a competitor on price; their one-year contract comes up for review next year.",
  },
};

#undef S


const SampleConcern _rd_sample_concerns[N_SAMPLE_CONCERNS] = {
  { "Reports slow down every Monday morning", 1, TRUE, TRUE },
  { "Support takes days to give a first answer", 2, TRUE, TRUE },
  { "Maintenance windows are announced too late", 3, FALSE, FALSE },
  { "Exports to their BI tool need manual steps", 4, FALSE, FALSE },
};

const SamplePlanStep _rd_sample_plan_steps[N_SAMPLE_PLAN_STEPS] = {
  { RD_HORIZON_48H, 0, STEP_OWNER_ACCOUNT, "Call the operations lead to pin down the slowdowns" },
  { RD_HORIZON_48H, 1, STEP_OWNER_SUPPORT, "Name one support engineer as their single contact" },
  { RD_HORIZON_30D, 0, STEP_OWNER_ENGINEERING, "Ship the reporting index fix and measure Monday peaks" },
  { RD_HORIZON_30D, 1, STEP_OWNER_SUPPORT, "Answer every urgent ticket within an hour; report weekly" },
  { RD_HORIZON_90D, 0, STEP_OWNER_ENGINEERING, "Move them to the new reporting cluster" },
  { RD_HORIZON_90D, 2, STEP_OWNER_ACCOUNT, "Announce maintenance windows two weeks ahead" },
};

const Story _rd_sample_showcase[SHOWCASE_BLOCK] = {
  [1] = STORY_HIDDEN_PROBLEM,
  [4] = STORY_BUDGET,
  [7] = STORY_STAKEHOLDERS,
  [10] = STORY_LOST,
  [13] = STORY_SHOPPING,
  [16] = STORY_EXTENDED,
  [19] = STORY_CHAMPION_CHANGE,
  [22] = STORY_RENEWED,
  [25] = STORY_PRIORITY,
};
