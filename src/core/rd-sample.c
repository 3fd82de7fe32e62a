/* rd-sample.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sample"

#include "config.h"

#include <string.h>

#include "rd-delay.h"
#include "rd-document.h"
#include "rd-enums.h"
#include "rd-format.h"
#include "rd-lifecycle.h"
#include "rd-plan.h"
#include "rd-pricing.h"
#include "rd-reminders.h"
#include "rd-sample.h"
#include "rd-sample-private.h"

/*
 * The sample is a book of accounts in the middle of a renewal season, so
 * that a newcomer sees the method at work: every account whose renewal
 * window (the 120 days before its hard deadline) has opened has had its
 * renewal conversation started and a delay in the log, with what each
 * stakeholder said, the date commitments and the class the classifier
 * gives it.  One account in every block of
 * SHOWCASE_BLOCK shows each part of the method whatever the seed: the
 * three classes of delay, a conditional recovery plan, proposed, accepted
 * and declined bridges, a renewal signed early and a loss waiting to be
 * re-engaged.  Every date is relative to the given day, so a fresh sample
 * opens with only a couple of commitments just missed and nothing long
 * overdue.
 */

typedef enum
{
  CULTURE_EN,
  CULTURE_DE,
  CULTURE_HU,
  CULTURE_JA,
  CULTURE_MS,
  CULTURE_ZH,
  N_CULTURES
} Culture;

typedef struct
{
  const char *display;
  const char *ascii;    /* for e-mail domains */
} Word;

typedef struct
{
  const char *country;
  const char *currency;
  Culture     culture;
  const char *tld;
  const char *phone_prefix;
  guint       weight;
  guint       scale;      /* rough units of the currency per euro */
} Market;

/* What the account manager is living through with an account. */
typedef enum
{
  STORY_NONE,             /* the renewal window has not opened yet */
  STORY_BUDGET,           /* administrative: next quarter's budget */
  STORY_PRIORITY,         /* administrative: busy with a go-live, nothing on fire */
  STORY_EXTENDED,         /* administrative, bridged by an accepted extension */
  STORY_STAKEHOLDERS,     /* decision: approvers not aligned, no timeline */
  STORY_CHAMPION_CHANGE,  /* decision: a new owner must relearn why they bought */
  STORY_HIDDEN_PROBLEM,   /* risk: problems come out late; a recovery plan */
  STORY_SHOPPING,         /* risk: a formal tender with other vendors */
  STORY_RENEWED,          /* signed early; the new term starts after this one */
  STORY_LOST,             /* lost to a competitor, waiting to re-engage */
  N_STORIES
} Story;

/* One stakeholder's words; @former picks the champion who left. */
typedef struct
{
  RdRole      role;
  gboolean    former;
  const char *said;
  guint32     signals;
} Said;

typedef struct
{
  RdCause     cause;
  guint32     signals;
  const char *stated_reason;
  Said        said[3];
  const char *answers[RD_N_QUESTIONS];
  const char *actions_taken;
  const char *customer_response;
  const char *next_step;
  const char *help_needed;
  const char *outcome;         /* resolved delays */
  const char *retrospective;   /* resolved delays */
  const char *note;            /* the account's notes */
} Script;

#define MAX_PEOPLE 5

typedef struct
{
  char     *uuid;
  RdRole    role;
  gboolean  active;
} Person;

/* The account being written, for the documents that hang off it. */
typedef struct
{
  const char *uuid;
  const char *name;
  const char *owner;
  const char *currency;
  gint64      annual_minor;
  Story       story;
  gboolean    showcase;
  int         days;            /* from today to the hard deadline */
  int         room;            /* days since the renewal window opened */
  GDate       end;             /* contract_end */
  GDate       deadline;        /* effective_end when bridged, else contract_end */
  Person      people[MAX_PEOPLE];
  guint       n_people;
  guint       extensions;      /* accepted bridges */
  gboolean    champion_changed;
} Account;

/* No date for this commitment. */
#define NO_DATE G_MININT

typedef struct
{
  int ago;                         /* communicated this many days before today */
  int dates[RD_N_COMMITMENTS];     /* days from today, or NO_DATE */
  int resolved;                    /* days from today, or NO_DATE while open */
} DelayDates;

struct _RdSampleGenerator
{
  GRand  *rand;
  GDate   today;
  guint   index;
  guint   total_weight;
  guint   lead_days;    /* the renewal window: rd_reminder_prefs_init() */
};

static const Market markets[] = {
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

static const Word company_first[N_CULTURES][10] = {
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

#define N_INDUSTRIES 10

static const char * const industries[N_INDUSTRIES] = {
  "Software", "Retail", "Manufacturing", "Healthcare", "Logistics",
  "Hospitality", "Finance", "Education", "Energy", "Media",
};

/* The industry word in each culture's company names, by industry. */
static const char * const company_second[N_CULTURES][N_INDUSTRIES] = {
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

static const char * const company_suffix[N_CULTURES][3] = {
  [CULTURE_EN] = { "Inc.", "Ltd", "Group" },
  [CULTURE_DE] = { "GmbH", "AG", "GmbH & Co. KG" },
  [CULTURE_HU] = { "Kft.", "Zrt.", "Kft." },
  [CULTURE_JA] = { "株式会社", "株式会社", "株式会社" },
  [CULTURE_MS] = { "Sdn. Bhd.", "Berhad", "Sdn. Bhd." },
  [CULTURE_ZH] = { "有限公司", "股份有限公司", "有限公司" },
};

static const char * const given_names[N_CULTURES][8] = {
  [CULTURE_EN] = { "Olivia", "James", "Amelia", "Noah", "Grace", "Liam", "Sophie", "Ethan" },
  [CULTURE_DE] = { "Lena", "Jonas", "Marie", "Lukas", "Sophie", "Felix", "Jürgen", "Anja" },
  [CULTURE_HU] = { "Zoltán", "Eszter", "Gábor", "Réka", "László", "Katalin", "Bence", "Dóra" },
  [CULTURE_JA] = { "Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Kenji", "Yuki" },
  [CULTURE_MS] = { "Nurul", "Ahmad", "Siti", "Hafiz", "Aisyah", "Faris", "Mei Ling", "Arjun" },
  [CULTURE_ZH] = { "Wei", "Fang", "Jing", "Lei", "Xiu", "Hao", "Min", "Yan" },
};

static const char * const family_names[N_CULTURES][8] = {
  [CULTURE_EN] = { "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Clarke", "Walker" },
  [CULTURE_DE] = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner",
                   "Hoffmann" },
  [CULTURE_HU] = { "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár" },
  [CULTURE_JA] = { "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto",
                   "Nakamura" },
  [CULTURE_MS] = { "Abdullah", "Ismail", "Rahman", "Hassan", "Tan", "Lim", "Wong", "Kumar" },
  [CULTURE_ZH] = { "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang" },
};

static const char * const owners[] = {
  "Anna Kovács", "Ben Hoffmann", "Chloe Martin", "Daniel Tan", "Emi Sato", "Farah Aziz",
};

static const char * const notes[] = {
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

static const char * const churn_reasons[] = {
  "Moving to an in-house tool after their merger.",
  "The parent company standardises on another vendor next year.",
  "Low adoption since the team that asked for it was disbanded.",
};

#define S(name) RD_SIGNAL_BIT (RD_SIGNAL_##name)

/* What happens in each story; the dates are set by story_dates(). */
static const Script scripts[N_STORIES] = {
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

typedef enum
{
  STEP_OWNER_ACCOUNT,   /* the account's owner */
  STEP_OWNER_SUPPORT,
  STEP_OWNER_ENGINEERING,
} StepOwner;

static const struct
{
  const char *title;
  int         priority;
  gboolean    must_fix;
  gboolean    changes_decision;
} concerns[] = {
  { "Reports slow down every Monday morning", 1, TRUE, TRUE },
  { "Support takes days to give a first answer", 2, TRUE, TRUE },
  { "Maintenance windows are announced too late", 3, FALSE, FALSE },
  { "Exports to their BI tool need manual steps", 4, FALSE, FALSE },
};

static const struct
{
  RdHorizon   horizon;
  guint       concern;
  StepOwner   owner;
  const char *title;
} plan_steps[] = {
  { RD_HORIZON_48H, 0, STEP_OWNER_ACCOUNT, "Call the operations lead to pin down the slowdowns" },
  { RD_HORIZON_48H, 1, STEP_OWNER_SUPPORT, "Name one support engineer as their single contact" },
  { RD_HORIZON_30D, 0, STEP_OWNER_ENGINEERING, "Ship the reporting index fix and measure Monday peaks" },
  { RD_HORIZON_30D, 1, STEP_OWNER_SUPPORT, "Answer every urgent ticket within an hour; report weekly" },
  { RD_HORIZON_90D, 0, STEP_OWNER_ENGINEERING, "Move them to the new reporting cluster" },
  { RD_HORIZON_90D, 2, STEP_OWNER_ACCOUNT, "Announce maintenance windows two weeks ahead" },
};

#define PLAN_PROGRESS_CRITERIA \
  "Reports open within 3 seconds at the Monday peak for six weeks running, and every urgent " \
  "ticket is answered within an hour. If so, they renew for a year; if not, we part " \
  "professionally."

#define LOSS_COMPETITOR "Orbit Success"
#define LOSS_DETAILS \
  "Chose Orbit Success on a one-year contract at about 30% below our price; their new CFO " \
  "consolidated vendors."
#define LOSS_RETROSPECTIVE \
  "We came late to the tender and relied on one champion. Their one-year contract comes up " \
  "for review next year: re-engage before they renew it."

/* Every block of SHOWCASE_BLOCK accounts shows the whole method once,
 * whatever the seed; the others get a story when their window is open. */
#define SHOWCASE_BLOCK RD_SAMPLE_DEFAULT_SIZE

static const Story showcase[SHOWCASE_BLOCK] = {
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

static guint
pick (RdSampleGenerator *self,
      guint              n)
{
  return (guint) g_rand_int_range (self->rand, 0, (gint32) MAX (n, 1));
}

static gboolean
chance (RdSampleGenerator *self,
        guint              percent)
{
  return pick (self, 100) < percent;
}

/* UUID v4 layout from the seeded stream: deterministic, still valid ids. */
static char *
make_uuid (RdSampleGenerator *self)
{
  guint8 b[16];

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_rand_int (self->rand);

      b[i] = r & 0xff;
      b[i + 1] = (r >> 8) & 0xff;
      b[i + 2] = (r >> 16) & 0xff;
      b[i + 3] = (r >> 24) & 0xff;
    }

  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static const Market *
pick_market (RdSampleGenerator *self)
{
  guint r = pick (self, self->total_weight);

  for (guint i = 0; i < G_N_ELEMENTS (markets); i++)
    {
      if (r < markets[i].weight)
        return &markets[i];
      r -= markets[i].weight;
    }

  return &markets[0];
}

static char *
company_name (Culture     culture,
              const Word *first,
              guint       industry,
              guint       suffix)
{
  const char *second = company_second[culture][industry];
  const char *tail = company_suffix[culture][suffix];

  if (culture == CULTURE_JA || culture == CULTURE_ZH)
    return g_strconcat (first->display, second, tail, NULL);

  return g_strdup_printf ("%s %s %s", first->display, second, tail);
}

static char *
ascii_lower (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (*p == ' ' || *p == '-')
        g_string_append_c (out, '.');
    }

  return g_string_free (out, FALSE);
}

static void
add_date (JsonObject  *doc,
          const char  *field,
          const GDate *date)
{
  g_autofree char *text = rd_date_to_string (date);

  json_object_set_string_member (doc, field, text);
}

static void
shift_date (GDate *date,
            int    days)
{
  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
}

/* Today plus @offset days, as "YYYY-MM-DD". */
static char *
date_from_today (RdSampleGenerator *self,
                 int                offset)
{
  GDate date = self->today;

  shift_date (&date, offset);
  return rd_date_to_string (&date);
}

static void
set_day (RdSampleGenerator *self,
         JsonObject        *doc,
         const char        *field,
         int                offset)
{
  g_autofree char *text = date_from_today (self, offset);

  json_object_set_string_member (doc, field, text);
}

static void
set_text (JsonObject *doc,
          const char *field,
          const char *text)
{
  if (text != NULL)
    json_object_set_string_member (doc, field, text);
}

/* A commitment ahead of today and, when there is room, before the deadline. */
static int
ahead (const Account *account,
       int            offset)
{
  return CLAMP (offset, 1, MAX (1, account->days - 1));
}

static JsonObject *
new_document (RdSampleGenerator  *self,
              const char         *type,
              char              **out_uuid)
{
  g_autofree char *uuid = make_uuid (self);
  g_autofree char *doc_id = rd_document_make_id (type, uuid);
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", doc_id);
  json_object_set_string_member (doc, "type", type);
  if (out_uuid != NULL)
    *out_uuid = g_steal_pointer (&uuid);

  return doc;
}

static JsonArray *
signals_to_array (guint32 bits)
{
  JsonArray *array = json_array_new ();

  for (guint s = 0; s < rd_signal_table.n_entries; s++)
    {
      if (bits & RD_SIGNAL_BIT (s))
        json_array_add_string_element (array, rd_enum_table_id (&rd_signal_table, (int) s));
    }

  return array;
}

/* Days from today to the contract end a story needs, or any day of the
 * coming year for an account without one. */
static int
story_days (RdSampleGenerator *self,
            Story              story)
{
  switch (story)
    {
    case STORY_BUDGET:
      return 50 + (int) pick (self, 30);
    case STORY_PRIORITY:
      return 70 + (int) pick (self, 40);
    case STORY_EXTENDED:
      return 5 + (int) pick (self, 10);
    case STORY_STAKEHOLDERS:
      return 20 + (int) pick (self, 15);
    case STORY_CHAMPION_CHANGE:
      return 60 + (int) pick (self, 40);
    case STORY_HIDDEN_PROBLEM:
      return 30 + (int) pick (self, 20);
    case STORY_SHOPPING:
      return 45 + (int) pick (self, 30);
    case STORY_RENEWED:
      return 15 + (int) pick (self, 30);
    case STORY_LOST:
      return -10 - (int) pick (self, 15);
    case STORY_NONE:
    case N_STORIES:
    default:
      return 1 + (int) pick (self, 365);
    }
}

/* A story for an account whose window opened @room days ago. */
static Story
pick_story (RdSampleGenerator *self,
            int                room)
{
  static const Story pool[] = {
    STORY_BUDGET, STORY_BUDGET, STORY_BUDGET, STORY_PRIORITY, STORY_PRIORITY, STORY_PRIORITY,
    STORY_STAKEHOLDERS, STORY_STAKEHOLDERS, STORY_CHAMPION_CHANGE, STORY_HIDDEN_PROBLEM,
    STORY_SHOPPING, STORY_RENEWED, STORY_RENEWED,
  };
  Story story = pool[pick (self, G_N_ELEMENTS (pool))];

  /* A plan needs its first 48 hours behind it, a renewal its history. */
  if (story == STORY_HIDDEN_PROBLEM && room < 6)
    return STORY_PRIORITY;
  if (story == STORY_RENEWED && room < 25)
    return STORY_BUDGET;

  return story;
}

/* When the delay was communicated and the dates the customer gave.  Only
 * the showcase's stakeholders and tender stories have just missed one. */
static void
story_dates (RdSampleGenerator *self,
             const Account     *account,
             DelayDates        *dates)
{
  int *d = dates->dates;
  int room = MAX (account->room, 1);
  int communicated;

  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    d[i] = NO_DATE;
  dates->resolved = NO_DATE;

  switch (account->story)
    {
    case STORY_BUDGET:
      dates->ago = 1 + (int) pick (self, MIN (21, room));
      d[RD_COMMITMENT_INFO_BY] = ahead (account, 5 + (int) pick (self, 15));
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, d[RD_COMMITMENT_INFO_BY] + 1);
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, d[RD_COMMITMENT_INFO_BY] + 7);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) pick (self, 4));
      break;

    case STORY_PRIORITY:
      dates->ago = 1 + (int) pick (self, MIN (14, room));
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, 7 + (int) pick (self, 14));
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, d[RD_COMMITMENT_RECONNECT_ON] + 10);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) pick (self, 3));
      break;

    case STORY_EXTENDED:
      {
        int end = g_date_days_between (&self->today, &account->end);

        dates->ago = 10 + (int) pick (self, 21);
        d[RD_COMMITMENT_INFO_BY] = end + 10;
        d[RD_COMMITMENT_RECONNECT_ON] = end + 11;
        d[RD_COMMITMENT_DECISION_BY] = end + 20;
        d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 2 + (int) pick (self, 3));
      }
      break;

    case STORY_STAKEHOLDERS:
      /* Vague and no timeline: no decision date, only ours to reconnect. */
      if (account->showcase)
        {
          dates->ago = 8 + (int) pick (self, MIN (13, MAX (room - 7, 1)));
          d[RD_COMMITMENT_RECONNECT_ON] = -2;
        }
      else
        {
          dates->ago = 1 + (int) pick (self, MIN (20, room));
          d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, 4 + (int) pick (self, 11));
        }
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 2 + (int) pick (self, 3));
      break;

    case STORY_CHAMPION_CHANGE:
      dates->ago = 1 + (int) pick (self, MIN (20, room));
      d[RD_COMMITMENT_INFO_BY] = ahead (account, 5 + (int) pick (self, 8));
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, d[RD_COMMITMENT_INFO_BY] + 3);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) pick (self, 3));
      break;

    case STORY_HIDDEN_PROBLEM:
      /* The plan starts three days after they spoke up; its 48-hour steps
       * are done and its first check-in is still ahead. */
      dates->ago = 6 + (int) pick (self, MIN (11, MAX (room - 5, 1)));
      d[RD_COMMITMENT_RECONNECT_ON] = 3 - dates->ago + RD_PLAN_DEFAULT_CHECK_IN_DAYS;
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, account->days - 3);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1 + (int) pick (self, 2));
      break;

    case STORY_SHOPPING:
      if (account->showcase)
        {
          dates->ago = 7 + (int) pick (self, MIN (14, MAX (room - 6, 1)));
          d[RD_COMMITMENT_INFO_BY] = -3;
        }
      else
        {
          dates->ago = 1 + (int) pick (self, MIN (14, room));
          d[RD_COMMITMENT_INFO_BY] = ahead (account, 3 + (int) pick (self, 8));
        }
      d[RD_COMMITMENT_RECONNECT_ON] = ahead (account, 2 + (int) pick (self, 3));
      d[RD_COMMITMENT_DECISION_BY] = ahead (account, account->days - 10);
      d[RD_COMMITMENT_NEXT_STEP_ON] = ahead (account, 1);
      break;

    case STORY_RENEWED:
      dates->ago = 25 + (int) pick (self, MIN (21, MAX (room - 24, 1)));
      communicated = -dates->ago;
      d[RD_COMMITMENT_INFO_BY] = communicated + 5;
      d[RD_COMMITMENT_RECONNECT_ON] = communicated + 7;
      d[RD_COMMITMENT_DECISION_BY] = communicated + 14;
      dates->resolved = communicated + 20;
      break;

    case STORY_LOST:
      /* Closed three days before the contract ended. */
      dates->resolved = account->days - 3;
      dates->ago = 40 - dates->resolved;
      communicated = -dates->ago;
      d[RD_COMMITMENT_INFO_BY] = communicated + 7;
      d[RD_COMMITMENT_DECISION_BY] = communicated + 30;
      break;

    case STORY_NONE:
    case N_STORIES:
    default:
      g_assert_not_reached ();
    }
}

static int
find_speaker (const Account  *account,
              const Said     *said,
              const gboolean *spoken)
{
  for (guint i = 0; i < account->n_people; i++)
    {
      const Person *person = &account->people[i];

      if (!spoken[i] && person->role == said->role && person->active == !said->former)
        return (int) i;
    }

  return -1;
}

/* The delay log entry of the account's story, classified the way the
 * store classifies it (rd_store_get_delay_context()) as of today.
 * Returns its uuid. */
static char *
add_delay (RdSampleGenerator *self,
           const Account     *account,
           const DelayDates  *dates,
           GPtrArray         *docs)
{
  const Script *script = &scripts[account->story];
  g_autofree char *uuid = NULL;
  g_autofree char *deadline = rd_date_to_string (&account->deadline);
  g_autoptr(JsonObject) doc = new_document (self, "delay", &uuid);
  g_autoptr(RdDelay) delay = NULL;
  g_autoptr(RdClassification) result = NULL;
  JsonArray *statements = json_array_new ();
  JsonObject *answers = json_object_new ();
  gboolean spoken[MAX_PEOPLE] = { FALSE, };
  const char *contact_id = NULL;
  RdDelayContext context;

  json_object_set_string_member (doc, "account_id", account->uuid);
  set_day (self, doc, "communicated_on", -dates->ago);
  json_object_set_string_member (doc, "stated_reason", script->stated_reason);
  json_object_set_string_member (doc, "cause", rd_enum_table_id (&rd_cause_table, script->cause));
  json_object_set_array_member (doc, "signals", signals_to_array (script->signals));

  /* Several stakeholders, each in their own words: the classification
   * triangulates.  A role the account does not have stays silent. */
  for (guint i = 0; i < G_N_ELEMENTS (script->said); i++)
    {
      const Said *said = &script->said[i];
      JsonObject *statement;
      int who;

      if (said->said == NULL || (who = find_speaker (account, said, spoken)) < 0)
        continue;

      spoken[who] = TRUE;
      if (contact_id == NULL)
        contact_id = account->people[who].uuid;

      statement = json_object_new ();
      json_object_set_string_member (statement, "contact_id", account->people[who].uuid);
      json_object_set_string_member (statement, "said", said->said);
      json_object_set_array_member (statement, "signals", signals_to_array (said->signals));
      json_array_add_object_element (statements, statement);
    }
  json_object_set_array_member (doc, "statements", statements);
  set_text (doc, "contact_id", contact_id);

  for (guint q = 0; q < RD_N_QUESTIONS; q++)
    set_text (answers, rd_enum_table_id (&rd_question_table, (int) q), script->answers[q]);
  json_object_set_object_member (doc, "diagnostics", answers);

  for (guint c = 0; c < RD_N_COMMITMENTS; c++)
    {
      if (dates->dates[c] == NO_DATE)
        continue;
      set_day (self, doc, rd_enum_table_id (&rd_commitment_table, (int) c), dates->dates[c]);
      /* A customer who wants to renew keeps their word: the dates already
       * behind an administrative story were ticked off as kept that day. */
      if ((script->cause == RD_CAUSE_BUDGET || script->cause == RD_CAUSE_PRIORITY) && dates->dates[c] <= 0)
        set_day (self, doc, rd_commitment_kept_field ((RdCommitment) c), dates->dates[c]);
    }

  set_text (doc, "actions_taken", script->actions_taken);
  set_text (doc, "customer_response", script->customer_response);
  set_text (doc, "next_step", script->next_step);
  set_text (doc, "help_needed", script->help_needed);

  if (dates->resolved != NO_DATE)
    {
      json_object_set_string_member (doc, "status",
                                     rd_enum_table_id (&rd_delay_status_table,
                                                       RD_DELAY_STATUS_RESOLVED));
      set_day (self, doc, "resolved_on", dates->resolved);
      set_text (doc, "outcome", script->outcome);
      set_text (doc, "retrospective", script->retrospective);
    }
  else
    json_object_set_string_member (doc, "status",
                                   rd_enum_table_id (&rd_delay_status_table, RD_DELAY_STATUS_OPEN));

  delay = rd_delay_new_from_document (doc, NULL);
  g_assert (delay != NULL);

  /* One delay per account, so no other open ones. */
  memset (&context, 0, sizeof context);
  g_strlcpy (context.deadline, deadline, sizeof context.deadline);
  context.extensions = account->extensions;
  context.champion_changed = account->champion_changed;
  context.today = self->today;
  result = rd_delay_classify (delay, &context);

  g_ptr_array_add (docs, rd_delay_to_document (delay));

  return g_steal_pointer (&uuid);
}

/* The concerns they listed, in order of priority, and a conditional plan
 * over the three horizons that started @started days from today. */
static void
add_recovery_plan (RdSampleGenerator *self,
                   const Account     *account,
                   const char        *delay_uuid,
                   int                started,
                   GPtrArray         *docs)
{
  char *concern_ids[G_N_ELEMENTS (concerns)];
  g_autofree char *plan_uuid = NULL;
  JsonObject *plan;

  for (guint i = 0; i < G_N_ELEMENTS (concerns); i++)
    {
      JsonObject *concern = new_document (self, "concern", &concern_ids[i]);

      json_object_set_string_member (concern, "account_id", account->uuid);
      json_object_set_string_member (concern, "title", concerns[i].title);
      json_object_set_int_member (concern, "priority", concerns[i].priority);
      json_object_set_boolean_member (concern, "must_fix", concerns[i].must_fix);
      json_object_set_boolean_member (concern, "changes_decision", concerns[i].changes_decision);
      g_ptr_array_add (docs, concern);
    }

  plan = new_document (self, "plan", &plan_uuid);
  json_object_set_string_member (plan, "account_id", account->uuid);
  json_object_set_string_member (plan, "delay_id", delay_uuid);
  set_day (self, plan, "started_on", started);
  json_object_set_int_member (plan, "timeframe_days", RD_PLAN_DEFAULT_TIMEFRAME_DAYS);
  json_object_set_int_member (plan, "check_in_days", RD_PLAN_DEFAULT_CHECK_IN_DAYS);
  json_object_set_string_member (plan, "progress_criteria", PLAN_PROGRESS_CRITERIA);
  json_object_set_string_member (plan, "customer_answer",
                                 rd_enum_table_id (&rd_customer_answer_table, RD_ANSWER_YES));
  json_object_set_string_member (plan, "status",
                                 rd_enum_table_id (&rd_plan_status_table, RD_PLAN_STATUS_ACTIVE));
  g_ptr_array_add (docs, plan);

  for (guint i = 0; i < G_N_ELEMENTS (plan_steps); i++)
    {
      static const char * const owners_by_kind[] = { NULL, "Support lead", "Engineering" };
      JsonObject *step = new_document (self, "plan_step", NULL);
      RdHorizon horizon = plan_steps[i].horizon;

      json_object_set_string_member (step, "plan_id", plan_uuid);
      json_object_set_string_member (step, "concern_id", concern_ids[plan_steps[i].concern]);
      json_object_set_string_member (step, "horizon", rd_enum_table_id (&rd_horizon_table, horizon));
      json_object_set_string_member (step, "title", plan_steps[i].title);
      json_object_set_string_member (step, "owner",
                                     plan_steps[i].owner == STEP_OWNER_ACCOUNT
                                     ? account->owner : owners_by_kind[plan_steps[i].owner]);
      set_day (self, step, "due_on", started + rd_plan_horizon_days (horizon));
      /* The 48 hours are behind them, and were kept. */
      if (horizon == RD_HORIZON_48H)
        set_day (self, step, "done_on", started + 1 + (int) (i % 2));
      g_ptr_array_add (docs, step);
    }

  for (guint i = 0; i < G_N_ELEMENTS (concerns); i++)
    g_free (concern_ids[i]);
}

static void
add_bridge (RdSampleGenerator   *self,
            const Account       *account,
            const RdBridgeQuote *quote,
            RdBridgeStatus       status,
            int                  proposed,
            int                  decided,
            GPtrArray           *docs)
{
  JsonObject *bridge = new_document (self, "bridge", NULL);
  const char *status_id = rd_enum_table_id (&rd_bridge_status_table, status);

  json_object_set_string_member (bridge, "account_id", account->uuid);
  json_object_set_string_member (bridge, "kind", rd_enum_table_id (&rd_bridge_kind_table, quote->kind));
  json_object_set_string_member (bridge, "status", status_id);
  json_object_set_int_member (bridge, "price_minor", quote->price_minor);
  json_object_set_string_member (bridge, "starts_on", quote->starts_on);
  json_object_set_string_member (bridge, "ends_on", quote->ends_on);
  set_day (self, bridge, "proposed_on", proposed);
  if (status != RD_BRIDGE_STATUS_PROPOSED)
    {
      g_autofree char *member = g_strdup_printf ("%s_on", status_id);

      set_day (self, bridge, member, decided);
    }
  g_ptr_array_add (docs, bridge);
}

/* Bridges priced from the contract as it stands before any is accepted. */
static void
quote_bridges (const Account *account,
               const GDate   *deadline,
               RdBridgeQuote  quotes[6])
{
  g_autofree char *iso = rd_date_to_string (deadline);
  RdPricingParams params;

  rd_pricing_params_init_defaults (&params);
  rd_pricing_quote_all (account->annual_minor, account->currency, iso, &params, quotes);
}

static void
add_loss (RdSampleGenerator *self,
          const Account     *account,
          int                closed,
          GPtrArray         *docs)
{
  JsonObject *loss = new_document (self, "loss", NULL);

  json_object_set_string_member (loss, "account_id", account->uuid);
  json_object_set_string_member (loss, "reason",
                                 rd_enum_table_id (&rd_loss_reason_table, RD_LOSS_COMPETITOR));
  json_object_set_string_member (loss, "competitor", LOSS_COMPETITOR);
  json_object_set_string_member (loss, "details", LOSS_DETAILS);
  json_object_set_string_member (loss, "retrospective", LOSS_RETROSPECTIVE);
  set_day (self, loss, "closed_on", closed);
  set_day (self, loss, "reengage_on", closed + RD_LIFECYCLE_DEFAULT_REENGAGE_DAYS);
  g_ptr_array_add (docs, loss);
}

/* The renewal conversation began the day the window opened, so its
 * reminder, the one rd_reminders_derive() makes, is done, not overdue. */
static void
add_renewal_started (RdSampleGenerator *self,
                     const Account     *account,
                     GPtrArray         *docs)
{
  int opened = account->days - (int) self->lead_days;
  g_autofree char *end = NULL;
  g_autofree char *day = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *doc_id = NULL;
  g_autofree char *due_at = NULL;
  g_autofree char *done_at = NULL;
  g_autofree char *title = NULL;
  JsonObject *reminder;

  if (opened >= 0)
    return;

  end = rd_date_to_string (&account->end);
  day = date_from_today (self, opened);
  uuid = rd_reminder_make_id ("renewal_start", account->uuid, end);
  doc_id = rd_document_make_id ("reminder", uuid);
  due_at = g_strdup_printf ("%sT09:00:00Z", day);
  done_at = g_strdup_printf ("%sT10:00:00Z", day);
  title = g_strdup_printf ("Start the renewal conversation with %s", account->name);

  reminder = json_object_new ();
  json_object_set_string_member (reminder, "_id", doc_id);
  json_object_set_string_member (reminder, "type", "reminder");
  json_object_set_string_member (reminder, "account_id", account->uuid);
  json_object_set_string_member (reminder, "kind",
                                 rd_enum_table_id (&rd_reminder_kind_table, RD_REMINDER_RENEWAL_START));
  json_object_set_string_member (reminder, "source_id", account->uuid);
  json_object_set_string_member (reminder, "due_at", due_at);
  json_object_set_string_member (reminder, "title", title);
  json_object_set_string_member (reminder, "done_at", done_at);
  g_ptr_array_add (docs, reminder);
}

/* The story's documents, in the order of the document contract. */
static void
add_story (RdSampleGenerator *self,
           const Account     *account,
           const DelayDates  *planned,
           GPtrArray         *docs)
{
  g_autofree char *delay_uuid = NULL;
  RdBridgeQuote quotes[6];
  DelayDates dates = *planned;
  int kind = -1;

  delay_uuid = add_delay (self, account, &dates, docs);

  if (account->story == STORY_HIDDEN_PROBLEM)
    add_recovery_plan (self, account, delay_uuid, 3 - dates.ago, docs);

  if (account->story == STORY_EXTENDED)
    {
      int proposed = 2 - dates.ago;
      int decided = 5 - dates.ago;

      quote_bridges (account, &account->end, quotes);
      add_bridge (self, account, &quotes[RD_BRIDGE_EXTENSION_30], RD_BRIDGE_STATUS_ACCEPTED,
                  proposed, decided, docs);
      add_bridge (self, account, &quotes[RD_BRIDGE_MONTH_TO_MONTH], RD_BRIDGE_STATUS_DECLINED,
                  proposed, decided, docs);
    }
  else if (dates.resolved == NO_DATE)
    {
      /* An open delay that may run past the deadline gets a bridge on
       * the table: month to month while a plan proves itself, a quarter
       * for approvers who need a budget cycle, else 30 days. */
      if (account->story == STORY_HIDDEN_PROBLEM
          && 3 - dates.ago + RD_PLAN_DEFAULT_TIMEFRAME_DAYS > account->days)
        kind = RD_BRIDGE_MONTH_TO_MONTH;
      else if (account->story == STORY_STAKEHOLDERS && account->days <= 35)
        kind = RD_BRIDGE_EXTENSION_QUARTER;
      else if (account->days <= 21)
        kind = RD_BRIDGE_EXTENSION_30;

      if (kind >= 0)
        {
          quote_bridges (account, &account->deadline, quotes);
          add_bridge (self, account, &quotes[kind], RD_BRIDGE_STATUS_PROPOSED,
                      -MIN (dates.ago - 1, 2), 0, docs);
        }
    }

  if (account->story == STORY_LOST)
    add_loss (self, account, dates.resolved, docs);
}

RdSampleGenerator *
_rd_sample_generator_new (guint32      seed,
                          const GDate *today)
{
  RdSampleGenerator *self;
  RdReminderPrefs prefs;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_new0 (RdSampleGenerator, 1);
  self->rand = g_rand_new_with_seed (seed);
  self->today = *today;
  for (guint i = 0; i < G_N_ELEMENTS (markets); i++)
    self->total_weight += markets[i].weight;

  rd_reminder_prefs_init (&prefs);
  self->lead_days = prefs.renewal_lead_days;

  return self;
}

void
_rd_sample_generator_free (RdSampleGenerator *self)
{
  if (self == NULL)
    return;

  g_rand_free (self->rand);
  g_free (self);
}

void
_rd_sample_generator_next (RdSampleGenerator *self,
                           GPtrArray         *docs)
{
  const Market *market = pick_market (self);
  const Word *first = &company_first[market->culture][pick (self, 10)];
  guint industry = pick (self, N_INDUSTRIES);
  guint suffix = pick (self, 3);
  g_autofree char *account_uuid = make_uuid (self);
  g_autofree char *account_id = rd_document_make_id ("account", account_uuid);
  g_autofree char *name = company_name (market->culture, first, industry, suffix);
  g_autofree char *slug = ascii_lower (company_second[CULTURE_EN][industry]);
  g_autofree char *domain = g_strdup_printf ("%s-%s.%s", first->ascii, slug, market->tld);
  g_autofree char *external_id = NULL;
  JsonObject *doc = json_object_new ();
  Account account = { 0, };
  DelayDates dates = { 0, };
  guint r, years, n_contacts;
  gint64 major, minor;
  int digits, days;
  RdStage stage;
  RdStatus status;
  GDate start;

  self->index++;
  account.uuid = account_uuid;
  account.name = name;
  account.currency = market->currency;
  account.story = showcase[(self->index - 1) % SHOWCASE_BLOCK];
  account.showcase = account.story != STORY_NONE;

  json_object_set_string_member (doc, "_id", account_id);
  json_object_set_string_member (doc, "type", "account");
  json_object_set_string_member (doc, "name", name);
  external_id = g_strdup_printf ("CRM-%06u", self->index);
  json_object_set_string_member (doc, "external_id", external_id);
  json_object_set_string_member (doc, "industry", industries[industry]);
  json_object_set_string_member (doc, "country", market->country);
  json_object_set_string_member (doc, "currency", market->currency);

  /* Worth 5,000 to 500,000 euros, most contracts at the small end, in
   * round amounts of the local currency. */
  r = pick (self, 1000);
  major = 5000 + (gint64) r * r * r * 495 / 1000000;
  major = major / 500 * 500;
  if (major < 5000)
    major = 5000;
  major *= market->scale;
  digits = rd_currency_minor_digits (market->currency);
  minor = major;
  for (int i = 0; i < digits; i++)
    minor *= 10;
  json_object_set_int_member (doc, "annual_value_minor", minor);
  account.annual_minor = minor;

  days = story_days (self, account.story);
  years = chance (self, 70) ? 1 : 2 + pick (self, 2);
  r = pick (self, 100);
  stage = r < 15 ? RD_STAGE_INSTALLING : r < 35 ? RD_STAGE_DEFENDING :
          r < 75 ? RD_STAGE_MATURING : RD_STAGE_GROWING;
  status = pick (self, 100) < 92 ? RD_STATUS_ACTIVE : RD_STATUS_EXPECTED_CHURN;

  /* Inside the renewal window the work has begun: a story for each. */
  if (account.story == STORY_NONE && days < (int) self->lead_days)
    account.story = status == RD_STATUS_EXPECTED_CHURN
                    ? STORY_SHOPPING : pick_story (self, (int) self->lead_days - days);
  else if (account.showcase)
    status = RD_STATUS_ACTIVE;

  switch (account.story)
    {
    case STORY_HIDDEN_PROBLEM:
    case STORY_SHOPPING:
    case STORY_LOST:
      stage = RD_STAGE_DEFENDING;
      break;
    case STORY_CHAMPION_CHANGE:
      stage = RD_STAGE_MATURING;
      break;
    case STORY_RENEWED:
      stage = RD_STAGE_GROWING;
      status = RD_STATUS_RENEWED;
      break;
    case STORY_NONE:
    case STORY_BUDGET:
    case STORY_PRIORITY:
    case STORY_EXTENDED:
    case STORY_STAKEHOLDERS:
    case N_STORIES:
    default:
      break;
    }
  if (account.story == STORY_LOST)
    status = RD_STATUS_LOST;

  account.end = self->today;
  shift_date (&account.end, days);
  account.deadline = account.end;
  if (account.story == STORY_EXTENDED)
    {
      RdBridgeQuote quotes[6];

      /* The accepted 30-day extension moves the hard deadline. */
      quote_bridges (&account, &account.end, quotes);
      rd_date_parse (quotes[RD_BRIDGE_EXTENSION_30].ends_on, &account.deadline);
      account.extensions = 1;
    }
  account.days = g_date_days_between (&self->today, &account.deadline);
  account.room = (int) self->lead_days - account.days;

  if (account.story == STORY_RENEWED)
    {
      /* Signed before the end: the new term follows the old one. */
      start = account.end;
      g_date_add_days (&start, 1);
      g_date_add_years (&account.end, 1);
      account.deadline = account.end;
      account.days = g_date_days_between (&self->today, &account.deadline);
    }
  else
    {
      start = account.end;
      g_date_subtract_years (&start, years);
      g_date_add_days (&start, 1);
    }

  if (account.story != STORY_NONE)
    story_dates (self, &account, &dates);

  add_date (doc, "contract_start", &start);
  add_date (doc, "contract_end", &account.end);
  if (account.story == STORY_EXTENDED)
    add_date (doc, "effective_end", &account.deadline);
  json_object_set_string_member (doc, "stage", rd_enum_table_id (&rd_stage_table, stage));
  json_object_set_string_member (doc, "status", rd_enum_table_id (&rd_status_table, status));
  json_object_set_string_member (doc, "cash_stability",
                                 rd_enum_table_id (&rd_level_table, (int) pick (self, 3)));
  account.owner = owners[pick (self, G_N_ELEMENTS (owners))];
  json_object_set_string_member (doc, "owner", account.owner);
  json_object_set_boolean_member (doc, "auto_renew", chance (self, 30));
  json_object_set_int_member (doc, "notice_days", 30 * (1 + pick (self, 3)));
  if (account.story != STORY_NONE)
    json_object_set_string_member (doc, "notes", scripts[account.story].note);
  else if (chance (self, 60))
    json_object_set_string_member (doc, "notes", notes[pick (self, G_N_ELEMENTS (notes))]);
  if (status == RD_STATUS_EXPECTED_CHURN)
    json_object_set_string_member (doc, "churn_reason",
                                   churn_reasons[pick (self, G_N_ELEMENTS (churn_reasons))]);
  if (account.story == STORY_RENEWED)
    {
      json_object_set_string_member (doc, "renewal_choice",
                                     rd_enum_table_id (&rd_renewal_choice_table,
                                                       RD_CHOICE_RENEW_EXPANSION));
      set_day (self, doc, "renewal_choice_on", dates.resolved);
    }

  g_ptr_array_add (docs, doc);

  /* A story needs the champion and the economic buyer to speak; when the
   * champion changed, the one who left stays on file, inactive. */
  n_contacts = 2 + pick (self, 4);
  if (account.story == STORY_CHAMPION_CHANGE)
    {
      n_contacts = MAX (n_contacts, 3);
      account.champion_changed = TRUE;
    }

  for (guint c = 0; c < n_contacts; c++)
    {
      JsonObject *contact = json_object_new ();
      g_autofree char *contact_uuid = make_uuid (self);
      g_autofree char *contact_id = rd_document_make_id ("contact", contact_uuid);
      const char *given = given_names[market->culture][pick (self, 8)];
      const char *family = family_names[market->culture][pick (self, 8)];
      g_autofree char *full = NULL;
      g_autofree char *local = NULL;
      g_autofree char *email = NULL;
      g_autofree char *phone = NULL;
      gboolean active;
      RdRole role;

      /* Family name first where that is the custom. */
      if (market->culture == CULTURE_HU || market->culture == CULTURE_JA
          || market->culture == CULTURE_ZH)
        full = g_strdup_printf ("%s %s", family, given);
      else
        full = g_strdup_printf ("%s %s", given, family);

      if (c == 0)
        role = RD_ROLE_CHAMPION;
      else if (c == 1 && (account.story != STORY_NONE || chance (self, 75)))
        role = RD_ROLE_ECONOMIC_BUYER;
      else if (c == 2 && account.story == STORY_CHAMPION_CHANGE)
        role = RD_ROLE_CHAMPION;
      else
        {
          static const RdRole others[] = {
            RD_ROLE_USER, RD_ROLE_USER, RD_ROLE_PROCUREMENT, RD_ROLE_LEGAL,
            RD_ROLE_EXECUTIVE, RD_ROLE_OTHER,
          };
          role = others[pick (self, G_N_ELEMENTS (others))];
        }

      if (c == 0)
        active = account.story != STORY_CHAMPION_CHANGE;
      else if (role == RD_ROLE_CHAMPION || (c == 1 && account.story != STORY_NONE))
        active = TRUE;
      else
        active = chance (self, 90);

      local = ascii_lower (full);
      email = g_strdup_printf ("%s@%s", local, domain);
      phone = g_strdup_printf ("%s %u %03u %04u", market->phone_prefix, 10 + pick (self, 89),
                               pick (self, 1000), pick (self, 10000));

      json_object_set_string_member (contact, "_id", contact_id);
      json_object_set_string_member (contact, "type", "contact");
      json_object_set_string_member (contact, "account_id", account_uuid);
      json_object_set_string_member (contact, "name", full);
      json_object_set_string_member (contact, "role", rd_enum_table_id (&rd_role_table, role));
      json_object_set_string_member (contact, "email", email);
      json_object_set_string_member (contact, "phone", phone);
      json_object_set_boolean_member (contact, "active", active);
      g_ptr_array_add (docs, contact);

      account.people[c].uuid = g_steal_pointer (&contact_uuid);
      account.people[c].role = role;
      account.people[c].active = active;
      account.n_people++;
    }

  if (account.story != STORY_NONE)
    add_story (self, &account, &dates, docs);

  if (status == RD_STATUS_ACTIVE || status == RD_STATUS_EXPECTED_CHURN)
    add_renewal_started (self, &account, docs);

  for (guint c = 0; c < account.n_people; c++)
    g_free (account.people[c].uuid);
}

GPtrArray *
rd_sample_generate (guint        n_accounts,
                    guint32      seed,
                    const GDate *today)
{
  g_autoptr(RdSampleGenerator) generator = NULL;
  GPtrArray *docs;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  generator = _rd_sample_generator_new (seed, today);
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < n_accounts; i++)
    _rd_sample_generator_next (generator, docs);

  return docs;
}
