/* rd-sample.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sample"

#include "config.h"

#include <string.h>

#include "rd-document.h"
#include "rd-enums.h"
#include "rd-format.h"
#include "rd-sample.h"
#include "rd-sample-private.h"

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

struct _RdSampleGenerator
{
  GRand  *rand;
  GDate   today;
  guint   index;
  guint   total_weight;
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

static guint
pick (RdSampleGenerator *self,
      guint              n)
{
  return (guint) g_rand_int_range (self->rand, 0, (gint32) n);
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

RdSampleGenerator *
_rd_sample_generator_new (guint32      seed,
                          const GDate *today)
{
  RdSampleGenerator *self = g_new0 (RdSampleGenerator, 1);

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self->rand = g_rand_new_with_seed (seed);
  self->today = *today;
  for (guint i = 0; i < G_N_ELEMENTS (markets); i++)
    self->total_weight += markets[i].weight;

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
  JsonObject *account = json_object_new ();
  guint r, years, n_contacts;
  gint64 major, minor;
  int digits;
  GDate end, start;

  self->index++;

  json_object_set_string_member (account, "_id", account_id);
  json_object_set_string_member (account, "type", "account");
  json_object_set_string_member (account, "name", name);
  external_id = g_strdup_printf ("CRM-%06u", self->index);
  json_object_set_string_member (account, "external_id", external_id);
  json_object_set_string_member (account, "industry", industries[industry]);
  json_object_set_string_member (account, "country", market->country);
  json_object_set_string_member (account, "currency", market->currency);

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
  json_object_set_int_member (account, "annual_value_minor", minor);

  end = self->today;
  g_date_add_days (&end, 1 + pick (self, 365));
  years = chance (self, 70) ? 1 : 2 + pick (self, 2);
  start = end;
  g_date_subtract_years (&start, years);
  g_date_add_days (&start, 1);
  add_date (account, "contract_start", &start);
  add_date (account, "contract_end", &end);

  r = pick (self, 100);
  json_object_set_string_member (account, "stage",
                                 rd_enum_table_id (&rd_stage_table,
                                                   r < 15 ? RD_STAGE_INSTALLING :
                                                   r < 35 ? RD_STAGE_DEFENDING :
                                                   r < 75 ? RD_STAGE_MATURING :
                                                            RD_STAGE_GROWING));
  r = pick (self, 100);
  json_object_set_string_member (account, "status",
                                 rd_enum_table_id (&rd_status_table,
                                                   r < 85 ? RD_STATUS_ACTIVE :
                                                   r < 92 ? RD_STATUS_EXPECTED_CHURN :
                                                            RD_STATUS_RENEWED));
  json_object_set_string_member (account, "cash_stability",
                                 rd_enum_table_id (&rd_level_table, (int) pick (self, 3)));
  json_object_set_string_member (account, "owner", owners[pick (self, G_N_ELEMENTS (owners))]);
  json_object_set_boolean_member (account, "auto_renew", chance (self, 30));
  json_object_set_int_member (account, "notice_days", 30 * (1 + pick (self, 3)));
  if (chance (self, 60))
    json_object_set_string_member (account, "notes", notes[pick (self, G_N_ELEMENTS (notes))]);

  g_ptr_array_add (docs, account);

  n_contacts = 2 + pick (self, 4);
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
      RdRole role;

      /* Family name first where that is the custom. */
      if (market->culture == CULTURE_HU || market->culture == CULTURE_JA
          || market->culture == CULTURE_ZH)
        full = g_strdup_printf ("%s %s", family, given);
      else
        full = g_strdup_printf ("%s %s", given, family);

      if (c == 0)
        role = RD_ROLE_CHAMPION;
      else if (c == 1 && chance (self, 75))
        role = RD_ROLE_ECONOMIC_BUYER;
      else
        {
          static const RdRole others[] = {
            RD_ROLE_USER, RD_ROLE_USER, RD_ROLE_PROCUREMENT, RD_ROLE_LEGAL,
            RD_ROLE_EXECUTIVE, RD_ROLE_OTHER,
          };
          role = others[pick (self, G_N_ELEMENTS (others))];
        }

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
      json_object_set_boolean_member (contact, "active", c == 0 || chance (self, 90));

      g_ptr_array_add (docs, contact);
    }
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
