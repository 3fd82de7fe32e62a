/* rd-csv-import.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-csv-import"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-csv.h"
#include "rd-csv-import.h"
#include "rd-document.h"
#include "rd-format.h"

struct _RdCsvImport
{
  GObject      parent_instance;

  GFile       *file;      /* NULL when reading from memory */
  GBytes      *data;
  char         separator;
  GStrv        headers;
  guint        n_columns;
  RdCsvColumn *mapping;
  GPtrArray   *preview;   /* GStrv per row */
  GArray      *lines;     /* guint per preview row */
};

G_DEFINE_FINAL_TYPE (RdCsvImport, rd_csv_import, G_TYPE_OBJECT)

typedef struct
{
  const char *id;
  const char *label;
} ColumnInfo;

static const ColumnInfo columns[RD_CSV_N_COLUMNS] = {
  [RD_CSV_COLUMN_IGNORE] = { "", N_("Do not import") },
  [RD_CSV_COLUMN_ID] = { "id", N_("Renewal Desk ID") },
  [RD_CSV_COLUMN_NAME] = { "name", N_("Account name") },
  [RD_CSV_COLUMN_EXTERNAL_ID] = { "external_id", N_("External ID") },
  [RD_CSV_COLUMN_INDUSTRY] = { "industry", N_("Industry") },
  [RD_CSV_COLUMN_COUNTRY] = { "country", N_("Country") },
  [RD_CSV_COLUMN_CURRENCY] = { "currency", N_("Currency") },
  [RD_CSV_COLUMN_ANNUAL_VALUE] = { "annual_value", N_("Annual value") },
  [RD_CSV_COLUMN_CONTRACT_START] = { "contract_start", N_("Contract start") },
  [RD_CSV_COLUMN_CONTRACT_END] = { "contract_end", N_("Contract end") },
  [RD_CSV_COLUMN_STAGE] = { "stage", N_("Stage") },
  [RD_CSV_COLUMN_STATUS] = { "status", N_("Status") },
  [RD_CSV_COLUMN_CASH_STABILITY] = { "cash_stability", N_("Cash stability") },
  [RD_CSV_COLUMN_OWNER] = { "owner", N_("Owner") },
  [RD_CSV_COLUMN_AUTO_RENEW] = { "auto_renew", N_("Auto-renew") },
  [RD_CSV_COLUMN_NOTICE_DAYS] = { "notice_days", N_("Notice period (days)") },
  [RD_CSV_COLUMN_NOTES] = { "notes", N_("Notes") },
  [RD_CSV_COLUMN_CHURN_REASON] = { "churn_reason", N_("Expected churn reason") },
  [RD_CSV_COLUMN_CONTACT_NAME] = { "contact_name", N_("Stakeholder name") },
  [RD_CSV_COLUMN_CONTACT_ROLE] = { "contact_role", N_("Stakeholder role") },
  [RD_CSV_COLUMN_CONTACT_EMAIL] = { "contact_email", N_("Stakeholder email") },
  [RD_CSV_COLUMN_CONTACT_PHONE] = { "contact_phone", N_("Stakeholder phone") },
};

typedef struct
{
  const char  *header;    /* normalised: casefolded, no spaces or punctuation */
  RdCsvColumn  column;
} HeaderGuess;

/* Common header names of CRM exports and spreadsheets, in the app's
 * languages.  Matched after normalise_header(), so "Contract End",
 * "contract_end" and "CONTRACT-END" are the same. */
static const HeaderGuess guesses[] = {
  { "id", RD_CSV_COLUMN_ID },
  { "uuid", RD_CSV_COLUMN_ID },
  { "renewaldeskid", RD_CSV_COLUMN_ID },

  { "name", RD_CSV_COLUMN_NAME },
  { "account", RD_CSV_COLUMN_NAME },
  { "accountname", RD_CSV_COLUMN_NAME },
  { "company", RD_CSV_COLUMN_NAME },
  { "companyname", RD_CSV_COLUMN_NAME },
  { "customer", RD_CSV_COLUMN_NAME },
  { "customername", RD_CSV_COLUMN_NAME },
  { "organization", RD_CSV_COLUMN_NAME },
  { "organisation", RD_CSV_COLUMN_NAME },
  { "client", RD_CSV_COLUMN_NAME },
  { "firmenname", RD_CSV_COLUMN_NAME },
  { "firma", RD_CSV_COLUMN_NAME },
  { "kunde", RD_CSV_COLUMN_NAME },
  { "kundenname", RD_CSV_COLUMN_NAME },
  { "unternehmen", RD_CSV_COLUMN_NAME },
  { "név", RD_CSV_COLUMN_NAME },
  { "cégnév", RD_CSV_COLUMN_NAME },
  { "cég", RD_CSV_COLUMN_NAME },
  { "ügyfél", RD_CSV_COLUMN_NAME },
  { "ügyfélnév", RD_CSV_COLUMN_NAME },
  { "会社名", RD_CSV_COLUMN_NAME },
  { "企業名", RD_CSV_COLUMN_NAME },
  { "顧客名", RD_CSV_COLUMN_NAME },
  { "取引先名", RD_CSV_COLUMN_NAME },
  { "namasyarikat", RD_CSV_COLUMN_NAME },
  { "syarikat", RD_CSV_COLUMN_NAME },
  { "nama", RD_CSV_COLUMN_NAME },
  { "namapelanggan", RD_CSV_COLUMN_NAME },
  { "pelanggan", RD_CSV_COLUMN_NAME },
  { "公司名称", RD_CSV_COLUMN_NAME },
  { "公司名", RD_CSV_COLUMN_NAME },
  { "公司", RD_CSV_COLUMN_NAME },
  { "客户", RD_CSV_COLUMN_NAME },
  { "客户名称", RD_CSV_COLUMN_NAME },

  { "externalid", RD_CSV_COLUMN_EXTERNAL_ID },
  { "crmid", RD_CSV_COLUMN_EXTERNAL_ID },
  { "accountid", RD_CSV_COLUMN_EXTERNAL_ID },
  { "customerid", RD_CSV_COLUMN_EXTERNAL_ID },
  { "customernumber", RD_CSV_COLUMN_EXTERNAL_ID },
  { "accountnumber", RD_CSV_COLUMN_EXTERNAL_ID },
  { "kundennummer", RD_CSV_COLUMN_EXTERNAL_ID },
  { "kundennr", RD_CSV_COLUMN_EXTERNAL_ID },
  { "externeid", RD_CSV_COLUMN_EXTERNAL_ID },
  { "ügyfélazonosító", RD_CSV_COLUMN_EXTERNAL_ID },
  { "azonosító", RD_CSV_COLUMN_EXTERNAL_ID },
  { "külsőazonosító", RD_CSV_COLUMN_EXTERNAL_ID },
  { "顧客id", RD_CSV_COLUMN_EXTERNAL_ID },
  { "顧客コード", RD_CSV_COLUMN_EXTERNAL_ID },
  { "取引先id", RD_CSV_COLUMN_EXTERNAL_ID },
  { "idpelanggan", RD_CSV_COLUMN_EXTERNAL_ID },
  { "idluaran", RD_CSV_COLUMN_EXTERNAL_ID },
  { "客户编号", RD_CSV_COLUMN_EXTERNAL_ID },
  { "客户id", RD_CSV_COLUMN_EXTERNAL_ID },
  { "外部id", RD_CSV_COLUMN_EXTERNAL_ID },

  { "industry", RD_CSV_COLUMN_INDUSTRY },
  { "sector", RD_CSV_COLUMN_INDUSTRY },
  { "vertical", RD_CSV_COLUMN_INDUSTRY },
  { "branche", RD_CSV_COLUMN_INDUSTRY },
  { "industrie", RD_CSV_COLUMN_INDUSTRY },
  { "iparág", RD_CSV_COLUMN_INDUSTRY },
  { "ágazat", RD_CSV_COLUMN_INDUSTRY },
  { "業種", RD_CSV_COLUMN_INDUSTRY },
  { "業界", RD_CSV_COLUMN_INDUSTRY },
  { "industri", RD_CSV_COLUMN_INDUSTRY },
  { "sektor", RD_CSV_COLUMN_INDUSTRY },
  { "行业", RD_CSV_COLUMN_INDUSTRY },

  { "country", RD_CSV_COLUMN_COUNTRY },
  { "countrycode", RD_CSV_COLUMN_COUNTRY },
  { "land", RD_CSV_COLUMN_COUNTRY },
  { "ország", RD_CSV_COLUMN_COUNTRY },
  { "国", RD_CSV_COLUMN_COUNTRY },
  { "国名", RD_CSV_COLUMN_COUNTRY },
  { "negara", RD_CSV_COLUMN_COUNTRY },
  { "国家", RD_CSV_COLUMN_COUNTRY },

  { "currency", RD_CSV_COLUMN_CURRENCY },
  { "currencycode", RD_CSV_COLUMN_CURRENCY },
  { "währung", RD_CSV_COLUMN_CURRENCY },
  { "pénznem", RD_CSV_COLUMN_CURRENCY },
  { "deviza", RD_CSV_COLUMN_CURRENCY },
  { "通貨", RD_CSV_COLUMN_CURRENCY },
  { "matawang", RD_CSV_COLUMN_CURRENCY },
  { "货币", RD_CSV_COLUMN_CURRENCY },
  { "币种", RD_CSV_COLUMN_CURRENCY },

  { "arr", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "acv", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "annualvalue", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "annualrecurringrevenue", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "annualcontractvalue", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "contractvalue", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "value", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "amount", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "jahreswert", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "vertragswert", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "jahresumsatz", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "éveséték", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "éveskérték", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "évesérték", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "szerződésérték", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "szerződésértéke", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "年間契約額", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "年額", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "契約金額", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "nilaitahunan", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "nilaikontrak", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "年度价值", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "年合同额", RD_CSV_COLUMN_ANNUAL_VALUE },
  { "合同金额", RD_CSV_COLUMN_ANNUAL_VALUE },

  { "contractstart", RD_CSV_COLUMN_CONTRACT_START },
  { "startdate", RD_CSV_COLUMN_CONTRACT_START },
  { "start", RD_CSV_COLUMN_CONTRACT_START },
  { "vertragsbeginn", RD_CSV_COLUMN_CONTRACT_START },
  { "vertragsstart", RD_CSV_COLUMN_CONTRACT_START },
  { "beginn", RD_CSV_COLUMN_CONTRACT_START },
  { "szerződéskezdete", RD_CSV_COLUMN_CONTRACT_START },
  { "kezdés", RD_CSV_COLUMN_CONTRACT_START },
  { "kezdődátum", RD_CSV_COLUMN_CONTRACT_START },
  { "契約開始日", RD_CSV_COLUMN_CONTRACT_START },
  { "開始日", RD_CSV_COLUMN_CONTRACT_START },
  { "tarikhmula", RD_CSV_COLUMN_CONTRACT_START },
  { "mulakontrak", RD_CSV_COLUMN_CONTRACT_START },
  { "合同开始", RD_CSV_COLUMN_CONTRACT_START },
  { "合同开始日期", RD_CSV_COLUMN_CONTRACT_START },
  { "开始日期", RD_CSV_COLUMN_CONTRACT_START },

  { "contractend", RD_CSV_COLUMN_CONTRACT_END },
  { "contractenddate", RD_CSV_COLUMN_CONTRACT_END },
  { "renewaldate", RD_CSV_COLUMN_CONTRACT_END },
  { "renewal", RD_CSV_COLUMN_CONTRACT_END },
  { "enddate", RD_CSV_COLUMN_CONTRACT_END },
  { "end", RD_CSV_COLUMN_CONTRACT_END },
  { "expiry", RD_CSV_COLUMN_CONTRACT_END },
  { "expirydate", RD_CSV_COLUMN_CONTRACT_END },
  { "vertragsende", RD_CSV_COLUMN_CONTRACT_END },
  { "verlängerung", RD_CSV_COLUMN_CONTRACT_END },
  { "verlängerungsdatum", RD_CSV_COLUMN_CONTRACT_END },
  { "enddatum", RD_CSV_COLUMN_CONTRACT_END },
  { "szerződésvége", RD_CSV_COLUMN_CONTRACT_END },
  { "megújítás", RD_CSV_COLUMN_CONTRACT_END },
  { "megújításdátuma", RD_CSV_COLUMN_CONTRACT_END },
  { "lejárat", RD_CSV_COLUMN_CONTRACT_END },
  { "契約終了日", RD_CSV_COLUMN_CONTRACT_END },
  { "更新日", RD_CSV_COLUMN_CONTRACT_END },
  { "終了日", RD_CSV_COLUMN_CONTRACT_END },
  { "tarikhtamat", RD_CSV_COLUMN_CONTRACT_END },
  { "tarikhpembaharuan", RD_CSV_COLUMN_CONTRACT_END },
  { "tamatkontrak", RD_CSV_COLUMN_CONTRACT_END },
  { "合同结束", RD_CSV_COLUMN_CONTRACT_END },
  { "合同结束日期", RD_CSV_COLUMN_CONTRACT_END },
  { "续约日期", RD_CSV_COLUMN_CONTRACT_END },
  { "到期日", RD_CSV_COLUMN_CONTRACT_END },
  { "结束日期", RD_CSV_COLUMN_CONTRACT_END },

  { "stage", RD_CSV_COLUMN_STAGE },
  { "phase", RD_CSV_COLUMN_STAGE },
  { "szakasz", RD_CSV_COLUMN_STAGE },
  { "ステージ", RD_CSV_COLUMN_STAGE },
  { "段階", RD_CSV_COLUMN_STAGE },
  { "peringkat", RD_CSV_COLUMN_STAGE },
  { "阶段", RD_CSV_COLUMN_STAGE },

  { "status", RD_CSV_COLUMN_STATUS },
  { "state", RD_CSV_COLUMN_STATUS },
  { "állapot", RD_CSV_COLUMN_STATUS },
  { "ステータス", RD_CSV_COLUMN_STATUS },
  { "状態", RD_CSV_COLUMN_STATUS },
  { "状态", RD_CSV_COLUMN_STATUS },

  { "cashstability", RD_CSV_COLUMN_CASH_STABILITY },
  { "cash", RD_CSV_COLUMN_CASH_STABILITY },
  { "liquidität", RD_CSV_COLUMN_CASH_STABILITY },
  { "likviditás", RD_CSV_COLUMN_CASH_STABILITY },
  { "資金安定性", RD_CSV_COLUMN_CASH_STABILITY },
  { "kestabilantunai", RD_CSV_COLUMN_CASH_STABILITY },
  { "现金稳定性", RD_CSV_COLUMN_CASH_STABILITY },

  { "owner", RD_CSV_COLUMN_OWNER },
  { "accountowner", RD_CSV_COLUMN_OWNER },
  { "accountmanager", RD_CSV_COLUMN_OWNER },
  { "csm", RD_CSV_COLUMN_OWNER },
  { "betreuer", RD_CSV_COLUMN_OWNER },
  { "verantwortlich", RD_CSV_COLUMN_OWNER },
  { "felelős", RD_CSV_COLUMN_OWNER },
  { "担当者", RD_CSV_COLUMN_OWNER },
  { "pemilik", RD_CSV_COLUMN_OWNER },
  { "pengurusakaun", RD_CSV_COLUMN_OWNER },
  { "负责人", RD_CSV_COLUMN_OWNER },
  { "客户经理", RD_CSV_COLUMN_OWNER },

  { "autorenew", RD_CSV_COLUMN_AUTO_RENEW },
  { "autorenewal", RD_CSV_COLUMN_AUTO_RENEW },
  { "automatischeverlängerung", RD_CSV_COLUMN_AUTO_RENEW },
  { "automatikusmegújítás", RD_CSV_COLUMN_AUTO_RENEW },
  { "自動更新", RD_CSV_COLUMN_AUTO_RENEW },
  { "pembaharuanautomatik", RD_CSV_COLUMN_AUTO_RENEW },
  { "自动续约", RD_CSV_COLUMN_AUTO_RENEW },

  { "noticedays", RD_CSV_COLUMN_NOTICE_DAYS },
  { "noticeperiod", RD_CSV_COLUMN_NOTICE_DAYS },
  { "kündigungsfrist", RD_CSV_COLUMN_NOTICE_DAYS },
  { "felmondásiidő", RD_CSV_COLUMN_NOTICE_DAYS },
  { "通知期間", RD_CSV_COLUMN_NOTICE_DAYS },
  { "tempohnotis", RD_CSV_COLUMN_NOTICE_DAYS },
  { "通知期", RD_CSV_COLUMN_NOTICE_DAYS },

  { "notes", RD_CSV_COLUMN_NOTES },
  { "note", RD_CSV_COLUMN_NOTES },
  { "comments", RD_CSV_COLUMN_NOTES },
  { "notizen", RD_CSV_COLUMN_NOTES },
  { "bemerkungen", RD_CSV_COLUMN_NOTES },
  { "megjegyzés", RD_CSV_COLUMN_NOTES },
  { "メモ", RD_CSV_COLUMN_NOTES },
  { "備考", RD_CSV_COLUMN_NOTES },
  { "nota", RD_CSV_COLUMN_NOTES },
  { "catatan", RD_CSV_COLUMN_NOTES },
  { "备注", RD_CSV_COLUMN_NOTES },

  { "churnreason", RD_CSV_COLUMN_CHURN_REASON },
  { "expectedchurnreason", RD_CSV_COLUMN_CHURN_REASON },
  { "kündigungsgrund", RD_CSV_COLUMN_CHURN_REASON },
  { "lemorzsolódásoka", RD_CSV_COLUMN_CHURN_REASON },
  { "解約理由", RD_CSV_COLUMN_CHURN_REASON },
  { "sebabchurn", RD_CSV_COLUMN_CHURN_REASON },
  { "流失原因", RD_CSV_COLUMN_CHURN_REASON },

  { "contact", RD_CSV_COLUMN_CONTACT_NAME },
  { "contactname", RD_CSV_COLUMN_CONTACT_NAME },
  { "stakeholder", RD_CSV_COLUMN_CONTACT_NAME },
  { "ansprechpartner", RD_CSV_COLUMN_CONTACT_NAME },
  { "kapcsolattartó", RD_CSV_COLUMN_CONTACT_NAME },
  { "連絡先", RD_CSV_COLUMN_CONTACT_NAME },
  { "窓口", RD_CSV_COLUMN_CONTACT_NAME },
  { "namahubungan", RD_CSV_COLUMN_CONTACT_NAME },
  { "联系人", RD_CSV_COLUMN_CONTACT_NAME },

  { "contactrole", RD_CSV_COLUMN_CONTACT_ROLE },
  { "role", RD_CSV_COLUMN_CONTACT_ROLE },
  { "rolle", RD_CSV_COLUMN_CONTACT_ROLE },
  { "szerep", RD_CSV_COLUMN_CONTACT_ROLE },
  { "役割", RD_CSV_COLUMN_CONTACT_ROLE },
  { "peranan", RD_CSV_COLUMN_CONTACT_ROLE },
  { "角色", RD_CSV_COLUMN_CONTACT_ROLE },

  { "contactemail", RD_CSV_COLUMN_CONTACT_EMAIL },
  { "email", RD_CSV_COLUMN_CONTACT_EMAIL },
  { "mail", RD_CSV_COLUMN_CONTACT_EMAIL },
  { "emailcím", RD_CSV_COLUMN_CONTACT_EMAIL },
  { "メール", RD_CSV_COLUMN_CONTACT_EMAIL },
  { "メールアドレス", RD_CSV_COLUMN_CONTACT_EMAIL },
  { "emel", RD_CSV_COLUMN_CONTACT_EMAIL },
  { "电子邮件", RD_CSV_COLUMN_CONTACT_EMAIL },
  { "邮箱", RD_CSV_COLUMN_CONTACT_EMAIL },

  { "contactphone", RD_CSV_COLUMN_CONTACT_PHONE },
  { "phone", RD_CSV_COLUMN_CONTACT_PHONE },
  { "telephone", RD_CSV_COLUMN_CONTACT_PHONE },
  { "telefon", RD_CSV_COLUMN_CONTACT_PHONE },
  { "telefonszám", RD_CSV_COLUMN_CONTACT_PHONE },
  { "電話", RD_CSV_COLUMN_CONTACT_PHONE },
  { "電話番号", RD_CSV_COLUMN_CONTACT_PHONE },
  { "nombortelefon", RD_CSV_COLUMN_CONTACT_PHONE },
  { "电话", RD_CSV_COLUMN_CONTACT_PHONE },
};

/* Columns of the export, in order; risk is computed and read back as nothing. */
static const RdCsvColumn export_columns[] = {
  RD_CSV_COLUMN_ID,
  RD_CSV_COLUMN_NAME,
  RD_CSV_COLUMN_EXTERNAL_ID,
  RD_CSV_COLUMN_INDUSTRY,
  RD_CSV_COLUMN_COUNTRY,
  RD_CSV_COLUMN_CURRENCY,
  RD_CSV_COLUMN_ANNUAL_VALUE,
  RD_CSV_COLUMN_CONTRACT_START,
  RD_CSV_COLUMN_CONTRACT_END,
  RD_CSV_COLUMN_STAGE,
  RD_CSV_COLUMN_STATUS,
  RD_CSV_COLUMN_CASH_STABILITY,
  RD_CSV_COLUMN_OWNER,
  RD_CSV_COLUMN_AUTO_RENEW,
  RD_CSV_COLUMN_NOTICE_DAYS,
  RD_CSV_COLUMN_NOTES,
  RD_CSV_COLUMN_CHURN_REASON,
};

/* Helpers */

static char *
normalise_header (const char *header)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '/'
          || c == '(' || c == ')' || c == 0x3000 /* ideographic space */)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static const char *
field_of (RdCsvColumn column)
{
  switch (column)
    {
    case RD_CSV_COLUMN_ANNUAL_VALUE:
      return "annual_value_minor";
    case RD_CSV_COLUMN_CONTACT_NAME:
      return "name";
    case RD_CSV_COLUMN_CONTACT_ROLE:
      return "role";
    case RD_CSV_COLUMN_CONTACT_EMAIL:
      return "email";
    case RD_CSV_COLUMN_CONTACT_PHONE:
      return "phone";
    case RD_CSV_COLUMN_IGNORE:
    case RD_CSV_COLUMN_ID:
    case RD_CSV_N_COLUMNS:
      return NULL;
    default:
      return columns[column].id;
    }
}

static gboolean
is_contact_column (RdCsvColumn column)
{
  return column >= RD_CSV_COLUMN_CONTACT_NAME && column <= RD_CSV_COLUMN_CONTACT_PHONE;
}

/* The normalised id, label and translated label of every entry of @table,
 * computed once: a large file asks for them on every row. */
static const char * const *
enum_keys (const RdEnumTable *table)
{
  static GHashTable *cache;
  G_LOCK_DEFINE_STATIC (cache);
  GPtrArray *keys;

  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new (g_direct_hash, g_direct_equal);
  keys = g_hash_table_lookup (cache, table);
  if (keys == NULL)
    {
      keys = g_ptr_array_new ();
      for (guint i = 0; i < table->n_entries; i++)
        {
          g_ptr_array_add (keys, normalise_header (table->entries[i].id));
          g_ptr_array_add (keys, normalise_header (table->entries[i].label));
          g_ptr_array_add (keys, normalise_header (g_dgettext (GETTEXT_PACKAGE,
                                                               table->entries[i].label)));
        }
      /* Kept for the life of the process, like the tables themselves. */
      g_hash_table_insert (cache, (gpointer) table, keys);
    }
  G_UNLOCK (cache);

  return (const char * const *) keys->pdata;
}

/* An enum value from its id or its label, English or translated. */
static int
parse_enum (const RdEnumTable *table,
            const char        *text)
{
  g_autofree char *key = NULL;
  const char * const *keys;
  int v;

  /* The export's own ids, as they are. */
  v = rd_enum_table_lookup (table, text);
  if (v >= 0)
    return v;

  key = normalise_header (text);
  keys = enum_keys (table);
  for (guint i = 0; i < table->n_entries; i++)
    {
      if (g_str_equal (key, keys[3 * i]) || g_str_equal (key, keys[3 * i + 1])
          || g_str_equal (key, keys[3 * i + 2]))
        return (int) i;
    }

  return -1;
}

static char *
enum_choices (const RdEnumTable *table)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < table->n_entries; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, table->entries[i].id);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
parse_bool (const char *text)
{
  static const char * const yes[] = { "yes", "y", "true", "1", "x", "ja", "igen", "はい", "ya",
                                      "是", "on", NULL };
  static const char * const no[] = { "no", "n", "false", "0", "nein", "nem", "いいえ", "tidak",
                                     "否", "off", NULL };
  g_autofree char *key = normalise_header (text);

  if (g_strv_contains (yes, key))
    return 1;
  if (g_strv_contains (no, key))
    return 0;
  return -1;
}

static gboolean
parse_int_field (const char *text,
                 gint64     *out)
{
  char *end = NULL;
  gint64 v;

  if (*text == '\0')
    return FALSE;
  v = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

/* Dates as spreadsheets in the app's languages write them, before the locale's. */
static char *
parse_date (const char  *text,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *message = NULL;
  guint a = 0, b = 0, c = 0;
  char s1 = 0, s2 = 0;
  int consumed = 0;
  GDate date;

  /* 2026年12月31日 */
  if (sscanf (stripped, "%u年%u月%u日%n", &a, &b, &c, &consumed) == 3
      && stripped[consumed] == '\0' && g_date_valid_dmy (c, b, a))
    goto ymd;

  /* 2026/12/31, 2026.12.31. (Hungarian), 2026. 12. 31. */
  {
    g_autofree char *compact = g_strdup (stripped);
    char *w = compact;

    for (const char *r = stripped; *r; r++)
      if (*r != ' ')
        *w++ = *r;
    *w = '\0';

    consumed = 0;
    if (sscanf (compact, "%4u%c%2u%c%2u%n", &a, &s1, &b, &s2, &c, &consumed) == 5
        && a > 999 && s1 == s2 && (s1 == '/' || s1 == '.' || s1 == '-')
        && (compact[consumed] == '\0' || (compact[consumed] == '.' && compact[consumed + 1] == '\0'))
        && g_date_valid_dmy (c, b, a))
      goto ymd;

    /* 31.12.2026 (German), and 31/12/2026 when it cannot be month first. */
    consumed = 0;
    if (sscanf (compact, "%2u%c%2u%c%4u%n", &a, &s1, &b, &s2, &c, &consumed) == 5
        && c > 999 && s1 == s2 && compact[consumed] == '\0')
      {
        if (s1 == '.' && g_date_valid_dmy (a, b, c))
          {
            g_date_clear (&date, 1);
            g_date_set_dmy (&date, a, b, c);
            return rd_date_to_string (&date);
          }
        if (s1 == '/' && a > 12 && g_date_valid_dmy (a, b, c))
          {
            g_date_clear (&date, 1);
            g_date_set_dmy (&date, a, b, c);
            return rd_date_to_string (&date);
          }
      }
  }

  {
    char *iso = rd_date_normalize (stripped, NULL);

    if (iso != NULL)
      return iso;
  }

  message = g_strdup_printf (_("“%s” is not a date; use YYYY-MM-DD or the format of your region"),
                             text);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return NULL;

ymd:
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, c, b, a);
  return rd_date_to_string (&date);
}

/* Checks one cell and, when @doc is given, sets its field.  @currency is
 * the row's currency for amounts.  Returns a translated problem or NULL. */
static char *
apply_cell (RdCsvColumn  column,
            const char  *raw,
            const char  *currency,
            JsonObject  *doc)
{
  g_autofree char *text = g_strstrip (g_strdup (raw ? raw : ""));
  g_autoptr(GError) error = NULL;
  const char *field = field_of (column);
  int v;

  if (column == RD_CSV_COLUMN_IGNORE)
    return NULL;

  if (*text == '\0')
    {
      if (column == RD_CSV_COLUMN_NAME)
        return g_strdup (_("the account name is empty"));
      if (column == RD_CSV_COLUMN_CURRENCY)
        return g_strdup (_("the currency is empty; use an ISO 4217 code such as EUR"));
      return NULL;
    }

  switch (column)
    {
    case RD_CSV_COLUMN_ID:
      if (!g_uuid_string_is_valid (text))
        return g_strdup_printf (_("“%s” is not a Renewal Desk ID"), text);
      break;

    case RD_CSV_COLUMN_NAME:
    case RD_CSV_COLUMN_EXTERNAL_ID:
    case RD_CSV_COLUMN_INDUSTRY:
    case RD_CSV_COLUMN_OWNER:
    case RD_CSV_COLUMN_CONTACT_NAME:
    case RD_CSV_COLUMN_CONTACT_PHONE:
      if (g_utf8_strlen (text, -1) > 200)
        return g_strdup (_("the text is longer than 200 characters"));
      if (doc != NULL)
        json_object_set_string_member (doc, field, text);
      break;

    case RD_CSV_COLUMN_NOTES:
    case RD_CSV_COLUMN_CHURN_REASON:
      if (g_utf8_strlen (text, -1) > 20000)
        return g_strdup (_("the text is longer than 20000 characters"));
      if (doc != NULL)
        json_object_set_string_member (doc, field, raw);
      break;

    case RD_CSV_COLUMN_CONTACT_EMAIL:
      if (strchr (text, '@') == NULL || g_utf8_strlen (text, -1) > 200)
        return g_strdup_printf (_("“%s” is not an email address"), text);
      if (doc != NULL)
        json_object_set_string_member (doc, field, text);
      break;

    case RD_CSV_COLUMN_COUNTRY:
      {
        g_autofree char *code = g_ascii_strup (text, -1);

        if (!rd_country_is_valid (code))
          return g_strdup_printf (_("“%s” is not a country code such as DE or JP"), text);
        if (doc != NULL)
          json_object_set_string_member (doc, field, code);
      }
      break;

    case RD_CSV_COLUMN_CURRENCY:
      {
        g_autofree char *code = g_ascii_strup (text, -1);

        if (!rd_currency_is_valid (code))
          return g_strdup_printf (_("“%s” is not a currency code such as EUR or JPY"), text);
        if (doc != NULL)
          json_object_set_string_member (doc, field, code);
      }
      break;

    case RD_CSV_COLUMN_ANNUAL_VALUE:
      {
        gint64 minor = 0;

        if (currency == NULL || !rd_currency_is_valid (currency))
          currency = "EUR";
        if (!rd_money_parse (text, currency, &minor, &error))
          return g_strdup_printf ("“%s”: %s", text, error->message);
        if (doc != NULL)
          json_object_set_int_member (doc, field, minor);
      }
      break;

    case RD_CSV_COLUMN_CONTRACT_START:
    case RD_CSV_COLUMN_CONTRACT_END:
      {
        g_autofree char *iso = parse_date (text, &error);

        if (iso == NULL)
          return g_strdup (error->message);
        if (doc != NULL)
          json_object_set_string_member (doc, field, iso);
      }
      break;

    case RD_CSV_COLUMN_STAGE:
    case RD_CSV_COLUMN_STATUS:
    case RD_CSV_COLUMN_CASH_STABILITY:
    case RD_CSV_COLUMN_CONTACT_ROLE:
      {
        const RdEnumTable *table = column == RD_CSV_COLUMN_STAGE ? &rd_stage_table
                                   : column == RD_CSV_COLUMN_STATUS ? &rd_status_table
                                   : column == RD_CSV_COLUMN_CASH_STABILITY ? &rd_level_table
                                   : &rd_role_table;

        v = parse_enum (table, text);
        if (v < 0)
          {
            g_autofree char *choices = enum_choices (table);

            /* Translators: an unknown value, then the list of known ones */
            return g_strdup_printf (_("unknown value “%s”; use one of %s"), text, choices);
          }
        if (doc != NULL)
          json_object_set_string_member (doc, field, rd_enum_table_id (table, v));
      }
      break;

    case RD_CSV_COLUMN_AUTO_RENEW:
      v = parse_bool (text);
      if (v < 0)
        return g_strdup_printf (_("“%s” is not yes or no"), text);
      if (doc != NULL)
        json_object_set_boolean_member (doc, field, v == 1);
      break;

    case RD_CSV_COLUMN_NOTICE_DAYS:
      {
        gint64 days = 0;

        if (!parse_int_field (text, &days))
          return g_strdup_printf (_("“%s” is not a whole number of days"), text);
        if (days < 0)
          return g_strdup (_("the value cannot be negative"));
        if (days > 3650)
          return g_strdup (_("the notice period cannot be longer than ten years"));
        if (doc != NULL)
          json_object_set_int_member (doc, field, days);
      }
      break;

    case RD_CSV_COLUMN_IGNORE:
    case RD_CSV_N_COLUMNS:
    default:
      break;
    }

  return NULL;
}

static int
column_of (RdCsvImport *self,
           RdCsvColumn  field)
{
  for (guint i = 0; i < self->n_columns; i++)
    {
      if (self->mapping[i] == field)
        return (int) i;
    }

  return -1;
}

/* The row's currency code, upper-cased, for its amounts; NULL when unmapped. */
static char *
row_currency (RdCsvImport *self,
              GStrv        row)
{
  int col = column_of (self, RD_CSV_COLUMN_CURRENCY);

  if (col < 0)
    return NULL;

  return g_strstrip (g_ascii_strup (row[col], -1));
}

static RdCsvReader *
open_reader (RdCsvImport   *self,
             guint64       *out_size,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (self->file == NULL)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (self->data, &length);

      if (out_size != NULL)
        *out_size = length;
      return rd_csv_reader_new_for_data (data ? data : "", length, self->separator);
    }

  stream = g_file_read (self->file, cancellable, error);
  if (stream == NULL)
    return NULL;

  if (out_size != NULL)
    {
      info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable,
                                             NULL);
      *out_size = info != NULL ? (guint64) g_file_info_get_size (info) : 0;
    }

  return rd_csv_reader_new (G_INPUT_STREAM (stream), self->separator);
}

static gboolean
load_preview (RdCsvImport   *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(RdCsvReader) reader = NULL;
  GStrv row = NULL;
  g_autoptr(GError) local_error = NULL;

  reader = open_reader (self, NULL, cancellable, error);
  if (reader == NULL)
    return FALSE;

  if (!rd_csv_reader_next (reader, &row, cancellable, &local_error))
    {
      if (local_error == NULL)
        g_set_error (error, RD_CSV_ERROR, RD_CSV_ERROR_EMPTY,
                     _("The file is empty; it needs a header row naming the columns"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->separator = rd_csv_reader_get_separator (reader);
  self->headers = g_strdupv (row);
  self->n_columns = g_strv_length (row);
  self->mapping = g_new0 (RdCsvColumn, self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    {
      RdCsvColumn guess = rd_csv_column_guess (self->headers[i]);

      if (guess != RD_CSV_COLUMN_IGNORE && column_of (self, guess) < 0)
        self->mapping[i] = guess;
    }

  while (self->preview->len < RD_CSV_PREVIEW_ROWS)
    {
      guint line;

      if (!rd_csv_reader_next (reader, &row, cancellable, &local_error))
        {
          /* A broken row after the preview's first rows is reported by the
           * full check; here it only ends the preview. */
          if (local_error != NULL && self->preview->len == 0)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }
      line = rd_csv_reader_get_line (reader);
      g_ptr_array_add (self->preview, g_strdupv (row));
      g_array_append_val (self->lines, line);
    }

  return TRUE;
}

/* GObject */

static void
rd_csv_import_finalize (GObject *object)
{
  RdCsvImport *self = (RdCsvImport *) object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_strfreev (self->headers);
  g_free (self->mapping);
  g_ptr_array_unref (self->preview);
  g_array_unref (self->lines);

  G_OBJECT_CLASS (rd_csv_import_parent_class)->finalize (object);
}

static void
rd_csv_import_class_init (RdCsvImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_csv_import_finalize;
}

static void
rd_csv_import_init (RdCsvImport *self)
{
  self->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Public API */

const char *
rd_csv_column_id (RdCsvColumn column)
{
  g_return_val_if_fail (column < RD_CSV_N_COLUMNS, NULL);

  return columns[column].id;
}

const char *
rd_csv_column_label (RdCsvColumn column)
{
  g_return_val_if_fail (column < RD_CSV_N_COLUMNS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, columns[column].label);
}

RdCsvColumn
rd_csv_column_guess (const char *header)
{
  g_autofree char *key = NULL;

  if (header == NULL)
    return RD_CSV_COLUMN_IGNORE;

  key = normalise_header (header);
  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    {
      if (g_str_equal (guesses[i].header, key))
        return guesses[i].column;
    }

  /* The app's own labels, e.g. a translated export edited by hand. */
  for (guint i = 1; i < RD_CSV_N_COLUMNS; i++)
    {
      g_autofree char *label = normalise_header (rd_csv_column_label (i));

      if (g_str_equal (label, key))
        return i;
    }

  return RD_CSV_COLUMN_IGNORE;
}

void
rd_csv_problem_free (RdCsvProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->header);
  g_free (problem->message);
  g_free (problem);
}

char *
rd_csv_problem_to_string (const RdCsvProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->header != NULL && *problem->header != '\0')
    /* Translators: line, column, the column's header, then the problem */
    return g_strdup_printf (_("Line %u, column %u (%s): %s"), problem->line, problem->column,
                            problem->header, problem->message);

  return g_strdup_printf (_("Line %u, column %u: %s"), problem->line, problem->column,
                          problem->message);
}

void
rd_csv_import_report_free (RdCsvImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

RdCsvImport *
rd_csv_import_new_for_file (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(RdCsvImport) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RD_TYPE_CSV_IMPORT, NULL);
  self->file = g_object_ref (file);

  if (!load_preview (self, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

RdCsvImport *
rd_csv_import_new_for_data (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(RdCsvImport) self = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_object_new (RD_TYPE_CSV_IMPORT, NULL);
  self->data = g_bytes_new (data, length);

  if (!load_preview (self, NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

RdCsvImport *
rd_csv_import_dup (RdCsvImport *self)
{
  RdCsvImport *copy;

  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);

  copy = g_object_new (RD_TYPE_CSV_IMPORT, NULL);
  copy->file = self->file ? g_object_ref (self->file) : NULL;
  copy->data = self->data ? g_bytes_ref (self->data) : NULL;
  copy->separator = self->separator;
  copy->headers = g_strdupv (self->headers);
  copy->n_columns = self->n_columns;
  copy->mapping = g_memdup2 (self->mapping, sizeof (RdCsvColumn) * MAX (self->n_columns, 1));

  return copy;
}

guint
rd_csv_import_get_n_columns (RdCsvImport *self)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), 0);

  return self->n_columns;
}

const char *
rd_csv_import_get_header (RdCsvImport *self,
                          guint        column)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->headers[column];
}

char
rd_csv_import_get_separator (RdCsvImport *self)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), ',');

  return self->separator;
}

RdCsvColumn
rd_csv_import_get_mapping (RdCsvImport *self,
                           guint        column)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), RD_CSV_COLUMN_IGNORE);
  g_return_val_if_fail (column < self->n_columns, RD_CSV_COLUMN_IGNORE);

  return self->mapping[column];
}

void
rd_csv_import_set_mapping (RdCsvImport *self,
                           guint        column,
                           RdCsvColumn  field)
{
  g_return_if_fail (RD_IS_CSV_IMPORT (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (field < RD_CSV_N_COLUMNS);

  if (field != RD_CSV_COLUMN_IGNORE)
    {
      for (guint i = 0; i < self->n_columns; i++)
        {
          if (i != column && self->mapping[i] == field)
            self->mapping[i] = RD_CSV_COLUMN_IGNORE;
        }
    }

  self->mapping[column] = field;
}

char *
rd_csv_import_check_mapping (RdCsvImport *self)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);

  if (column_of (self, RD_CSV_COLUMN_NAME) < 0)
    return g_strdup (_("Choose the column that holds the account name"));
  if (column_of (self, RD_CSV_COLUMN_CURRENCY) < 0)
    return g_strdup (_("Choose the column that holds the currency"));

  return NULL;
}

guint
rd_csv_import_get_n_preview_rows (RdCsvImport *self)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), 0);

  return self->preview->len;
}

guint
rd_csv_import_get_preview_line (RdCsvImport *self,
                                guint        row)
{
  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), 0);
  g_return_val_if_fail (row < self->preview->len, 0);

  return g_array_index (self->lines, guint, row);
}

const char *
rd_csv_import_get_preview_cell (RdCsvImport *self,
                                guint        row,
                                guint        column)
{
  GStrv cells;

  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row < self->preview->len, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  cells = g_ptr_array_index (self->preview, row);
  return cells[column];
}

char *
rd_csv_import_check_preview_cell (RdCsvImport *self,
                                  guint        row,
                                  guint        column)
{
  g_autofree char *currency = NULL;
  GStrv cells;

  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row < self->preview->len, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  cells = g_ptr_array_index (self->preview, row);
  currency = row_currency (self, cells);
  return apply_cell (self->mapping[column], cells[column], currency, NULL);
}

char *
rd_csv_import_format_preview_cell (RdCsvImport *self,
                                   guint        row,
                                   guint        column)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *problem = NULL;
  g_autofree char *currency = NULL;
  RdCsvColumn field;
  const char *name;
  JsonNode *node;
  GStrv cells;

  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row < self->preview->len, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  cells = g_ptr_array_index (self->preview, row);
  field = self->mapping[column];
  currency = row_currency (self, cells);
  problem = apply_cell (field, cells[column], currency, doc);
  name = field_of (field);
  if (problem != NULL || name == NULL || (node = json_object_get_member (doc, name)) == NULL)
    return NULL;

  switch (field)
    {
    case RD_CSV_COLUMN_ANNUAL_VALUE:
      return rd_money_format (json_node_get_int (node),
                              currency && rd_currency_is_valid (currency) ? currency : "EUR");
    case RD_CSV_COLUMN_CONTRACT_START:
    case RD_CSV_COLUMN_CONTRACT_END:
      return rd_date_format (json_node_get_string (node));
    case RD_CSV_COLUMN_STAGE:
      return g_strdup (rd_enum_table_label (&rd_stage_table,
                                            rd_enum_table_lookup (&rd_stage_table,
                                                                  json_node_get_string (node))));
    case RD_CSV_COLUMN_STATUS:
      return g_strdup (rd_enum_table_label (&rd_status_table,
                                            rd_enum_table_lookup (&rd_status_table,
                                                                  json_node_get_string (node))));
    case RD_CSV_COLUMN_CASH_STABILITY:
      return g_strdup (rd_enum_table_label (&rd_level_table,
                                            rd_enum_table_lookup (&rd_level_table,
                                                                  json_node_get_string (node))));
    case RD_CSV_COLUMN_CONTACT_ROLE:
      return g_strdup (rd_enum_table_label (&rd_role_table,
                                            rd_enum_table_lookup (&rd_role_table,
                                                                  json_node_get_string (node))));
    case RD_CSV_COLUMN_AUTO_RENEW:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    case RD_CSV_COLUMN_NOTICE_DAYS:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? g_strdup (json_node_get_string (node)) : NULL;
    }
}

/* The import */

typedef struct
{
  JsonObject *doc;       /* the document to write (a copy) */
  JsonObject *original;  /* as stored, or NULL when new */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_clear_pointer (&pending->doc, json_object_unref);
  g_clear_pointer (&pending->original, json_object_unref);
  g_free (pending);
}

static gboolean
differs (JsonObject *a,
         JsonObject *b)
{
  static const char * const ignored[] = { "updated_at", "_rev", "risk_score", "risk_band",
                                          "risk_factors" };
  g_autoptr(JsonObject) ca = rd_document_copy_object (a);
  g_autoptr(JsonObject) cb = rd_document_copy_object (b);
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
    {
      json_object_remove_member (ca, ignored[i]);
      json_object_remove_member (cb, ignored[i]);
    }

  na = json_node_init_object (json_node_alloc (), ca);
  nb = json_node_init_object (json_node_alloc (), cb);

  return !json_node_equal (na, nb);
}

static char *
contact_key (const char *account_uuid,
             const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_strconcat (account_uuid, "\x1f", g_strstrip (folded), NULL);
}

static void
add_problem (RdCsvImportReport *report,
             guint              line,
             guint              column,
             const char        *header,
             char              *message)
{
  RdCsvProblem *problem;

  if (report->problems->len >= RD_CSV_MAX_PROBLEMS)
    {
      g_free (message);
      return;
    }

  problem = g_new0 (RdCsvProblem, 1);
  problem->line = line;
  problem->column = column;
  problem->header = g_strdup (header);
  problem->message = message;
  g_ptr_array_add (report->problems, problem);
}

typedef struct
{
  RdStoreProgressFunc progress;
  gpointer            user_data;
} ProgressScale;

static void
on_store_progress_cb (double   fraction,
                      gpointer user_data)
{
  ProgressScale *scale = user_data;

  if (scale->progress != NULL)
    scale->progress (0.5 + fraction / 2, scale->user_data);
}

gboolean
rd_csv_import_run (RdCsvImport         *self,
                   RdStore             *store,
                   gboolean             dry_run,
                   RdStoreProgressFunc  progress,
                   gpointer             user_data,
                   GCancellable        *cancellable,
                   RdCsvImportReport  **out_report,
                   GError             **error)
{
  g_autoptr(RdCsvImportReport) report = NULL;
  g_autoptr(RdCsvReader) reader = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) existing_contacts = NULL;
  g_autoptr(GHashTable) by_uuid = NULL;       /* uuid → stored doc (borrowed) */
  g_autoptr(GHashTable) by_external = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GHashTable) contacts_by_key = NULL;
  g_autoptr(GHashTable) pending_by_uuid = NULL; /* uuid → Pending */
  g_autoptr(GPtrArray) order = NULL;            /* Pending*, in file order */
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mapping_problem = NULL;
  ProgressScale scale = { progress, user_data };
  guint64 size = 0;
  GStrv row = NULL;
  int id_col, ext_col, name_col, contact_col;

  g_return_val_if_fail (RD_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (out_report != NULL)
    *out_report = NULL;

  mapping_problem = rd_csv_import_check_mapping (self);
  if (mapping_problem != NULL)
    {
      g_set_error_literal (error, RD_CSV_ERROR, RD_CSV_ERROR_EMPTY, mapping_problem);
      return FALSE;
    }

  report = g_new0 (RdCsvImportReport, 1);
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_csv_problem_free);

  /* What is there already, to update instead of duplicating. */
  existing = rd_store_list_documents (store, "account", NULL, NULL, error);
  if (existing == NULL)
    return FALSE;
  existing_contacts = rd_store_list_documents (store, "contact", NULL, NULL, error);
  if (existing_contacts == NULL)
    return FALSE;

  by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  by_external = g_hash_table_new (g_str_hash, g_str_equal);
  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  contacts_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pending_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  order = g_ptr_array_new_with_free_func (pending_free);

  for (guint i = 0; i < existing->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (existing, i);
      const char *uuid = json_object_get_string_member (doc, "_id") + strlen ("account:");
      const char *ext = json_object_get_string_member_with_default (doc, "external_id", NULL);

      g_hash_table_insert (by_uuid, (gpointer) uuid, doc);
      if (ext != NULL)
        g_hash_table_insert (by_external, (gpointer) ext, doc);
      g_hash_table_insert (by_name, (gpointer) json_object_get_string_member (doc, "name"), doc);
    }
  for (guint i = 0; i < existing_contacts->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (existing_contacts, i);
      const char *name = json_object_get_string_member_with_default (doc, "name", NULL);

      if (name != NULL)
        g_hash_table_insert (contacts_by_key,
                             contact_key (json_object_get_string_member (doc, "account_id"), name),
                             doc);
    }

  id_col = column_of (self, RD_CSV_COLUMN_ID);
  ext_col = column_of (self, RD_CSV_COLUMN_EXTERNAL_ID);
  name_col = column_of (self, RD_CSV_COLUMN_NAME);
  contact_col = column_of (self, RD_CSV_COLUMN_CONTACT_NAME);

  reader = open_reader (self, &size, cancellable, error);
  if (reader == NULL)
    return FALSE;

  /* The header */
  if (!rd_csv_reader_next (reader, &row, cancellable, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(JsonObject) account = NULL;
      g_autoptr(JsonObject) contact = NULL;
      g_autofree char *currency = NULL;
      Pending *pending;
      JsonObject *stored = NULL;
      gboolean bad = FALSE;
      guint line;
      char *uuid;

      if (!rd_csv_reader_next (reader, &row, cancellable, &local_error))
        {
          if (local_error == NULL)
            break;
          if (local_error->domain != RD_CSV_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* A broken file cannot be read on: the problem is the last one. */
          {
            RdCsvProblem *problem = g_new0 (RdCsvProblem, 1);

            problem->message = g_strdup (local_error->message);
            if (report->problems->len >= RD_CSV_MAX_PROBLEMS)
              g_ptr_array_remove_index (report->problems, report->problems->len - 1);
            g_ptr_array_add (report->problems, problem);
            report->n_bad_rows++;
          }
          break;
        }

      line = rd_csv_reader_get_line (reader);
      report->n_rows++;

      if (progress != NULL && (report->n_rows % 2000) == 0 && size > 0)
        progress (0.5 * rd_csv_reader_get_offset (reader) / size, user_data);

      currency = row_currency (self, row);

      /* Which account the row is about: the file's own earlier rows first. */
      if (id_col >= 0 && g_uuid_string_is_valid (g_strstrip (row[id_col])))
        stored = g_hash_table_lookup (by_uuid, row[id_col]);
      if (stored == NULL && ext_col >= 0 && *g_strstrip (row[ext_col]) != '\0')
        stored = g_hash_table_lookup (by_external, row[ext_col]);
      if (stored == NULL && name_col >= 0)
        {
          stored = g_hash_table_lookup (by_name, g_strstrip (row[name_col]));
          /* Same name, another external id: two customers, not one. */
          if (stored != NULL && ext_col >= 0 && *row[ext_col] != '\0'
              && json_object_get_string_member_with_default (stored, "external_id", NULL) != NULL)
            stored = NULL;
        }

      if (stored != NULL)
        account = rd_document_copy_object (stored);
      else
        {
          g_autofree char *doc_id = NULL;

          if (id_col >= 0 && g_uuid_string_is_valid (row[id_col]))
            uuid = g_strdup (row[id_col]);
          else
            uuid = g_uuid_string_random ();
          doc_id = rd_document_make_id ("account", uuid);
          g_free (uuid);
          account = json_object_new ();
          json_object_set_string_member (account, "_id", doc_id);
          json_object_set_string_member (account, "type", "account");
        }

      if (contact_col >= 0 && *g_strstrip (row[contact_col]) != '\0')
        contact = json_object_new ();

      for (guint c = 0; c < self->n_columns; c++)
        {
          RdCsvColumn field = self->mapping[c];
          char *problem;

          if (field == RD_CSV_COLUMN_IGNORE || field == RD_CSV_COLUMN_ID)
            {
              if (field == RD_CSV_COLUMN_ID)
                {
                  problem = apply_cell (field, row[c], currency, NULL);
                  if (problem != NULL)
                    {
                      add_problem (report, line, c + 1, self->headers[c], problem);
                      bad = TRUE;
                    }
                }
              continue;
            }

          problem = apply_cell (field, row[c], currency,
                                is_contact_column (field) ? contact : account);
          if (problem != NULL)
            {
              add_problem (report, line, c + 1, self->headers[c], problem);
              bad = TRUE;
            }
        }

      if (!bad)
        {
          g_autoptr(GError) doc_error = NULL;
          g_autofree char *field = NULL;

          /* Whole-document rules (the contract cannot end before it starts). */
          if (!rd_document_validate_full (account, &field, &doc_error))
            {
              RdCsvColumn column = field && g_str_equal (field, "contract_end")
                                   ? RD_CSV_COLUMN_CONTRACT_END : RD_CSV_COLUMN_NAME;
              int col = column_of (self, column);
              const char *message = strstr (doc_error->message, ": ");

              add_problem (report, line, col >= 0 ? col + 1 : 1,
                           col >= 0 ? self->headers[col] : NULL,
                           g_strdup (message ? message + 2 : doc_error->message));
              bad = TRUE;
            }
        }

      if (bad)
        {
          report->n_bad_rows++;
          continue;
        }

      /* Several rows may name one account (one per stakeholder). */
      {
        const char *account_uuid = json_object_get_string_member (account, "_id")
                                   + strlen ("account:");

        pending = g_hash_table_lookup (pending_by_uuid, account_uuid);
        if (pending == NULL)
          {
            pending = g_new0 (Pending, 1);
            pending->doc = json_object_ref (account);
            pending->original = stored ? json_object_ref (stored) : NULL;
            g_ptr_array_add (order, pending);
            g_hash_table_insert (pending_by_uuid,
                                 (gpointer) (json_object_get_string_member (pending->doc, "_id")
                                             + strlen ("account:")),
                                 pending);
            /* Later rows with the same name or external id land here too. */
            if (stored == NULL)
              {
                g_hash_table_insert (by_uuid, (gpointer) account_uuid, pending->doc);
                g_hash_table_insert (by_name,
                                     (gpointer) json_object_get_string_member (pending->doc, "name"),
                                     pending->doc);
                if (json_object_has_member (pending->doc, "external_id"))
                  g_hash_table_insert (by_external,
                                       (gpointer) json_object_get_string_member (pending->doc,
                                                                                 "external_id"),
                                       pending->doc);
              }
          }
        else
          {
            /* A later row's account fields win, as in a spreadsheet. */
            JsonObjectIter iter;
            const char *member;
            JsonNode *node;

            json_object_iter_init (&iter, account);
            while (json_object_iter_next (&iter, &member, &node))
              json_object_set_member (pending->doc, member, json_node_copy (node));
          }

        if (contact != NULL)
          {
            g_autofree char *key = contact_key (account_uuid,
                                                json_object_get_string_member (contact, "name"));
            JsonObject *stored_contact = g_hash_table_lookup (contacts_by_key, key);
            Pending *cp = g_new0 (Pending, 1);
            JsonObjectIter iter;
            const char *member;
            JsonNode *node;

            if (stored_contact != NULL)
              {
                cp->doc = rd_document_copy_object (stored_contact);
                cp->original = json_object_ref (stored_contact);
              }
            else
              {
                g_autofree char *contact_uuid = g_uuid_string_random ();
                g_autofree char *doc_id = rd_document_make_id ("contact", contact_uuid);

                cp->doc = json_object_new ();
                json_object_set_string_member (cp->doc, "_id", doc_id);
                json_object_set_string_member (cp->doc, "type", "contact");
                json_object_set_string_member (cp->doc, "account_id", account_uuid);
                json_object_set_boolean_member (cp->doc, "active", TRUE);
                g_hash_table_insert (contacts_by_key, g_steal_pointer (&key), cp->doc);
              }

            json_object_iter_init (&iter, contact);
            while (json_object_iter_next (&iter, &member, &node))
              json_object_set_member (cp->doc, member, json_node_copy (node));
            g_ptr_array_add (order, cp);
          }
      }
    }

  /* Only what changes is written: a second import of the same file is a no-op. */
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < order->len; i++)
      {
        Pending *p = g_ptr_array_index (order, i);
        const char *doc_id = json_object_get_string_member (p->doc, "_id");
        gboolean is_account = g_str_has_prefix (doc_id, "account:");

        if (!g_hash_table_add (seen, (gpointer) doc_id))
          continue;

        if (p->original != NULL && !differs (p->original, p->doc))
          {
            if (is_account)
              report->n_unchanged++;
            continue;
          }

        if (is_account)
          {
            if (p->original != NULL)
              report->n_updated++;
            else
              report->n_new++;
          }
        else
          report->n_contacts++;

        json_object_remove_member (p->doc, "updated_at");
        g_ptr_array_add (docs, json_object_ref (p->doc));
      }
  }

  if (report->n_bad_rows > 0 && !dry_run)
    {
      g_autofree char *first = rd_csv_problem_to_string (g_ptr_array_index (report->problems, 0));
      RdCsvProblem *p0 = g_ptr_array_index (report->problems, 0);

      if (p0->line == 0)
        g_set_error_literal (error, RD_CSV_ERROR, RD_CSV_ERROR_RAGGED_ROW, p0->message);
      else if (report->n_bad_rows == 1)
        g_set_error_literal (error, RD_CSV_ERROR, RD_CSV_ERROR_RAGGED_ROW, first);
      else
        g_set_error (error, RD_CSV_ERROR, RD_CSV_ERROR_RAGGED_ROW,
                     g_dngettext (GETTEXT_PACKAGE, "%s (and %u more row with problems)",
                                  "%s (and %u more rows with problems)",
                                  report->n_bad_rows - 1),
                     first, report->n_bad_rows - 1);
      if (out_report != NULL)
        *out_report = g_steal_pointer (&report);
      return FALSE;
    }

  if (!dry_run && docs->len > 0
      && !rd_store_import_documents_full (store, docs, on_store_progress_cb, &scale, cancellable,
                                          error))
    return FALSE;

  if (progress != NULL)
    progress (1.0, user_data);

  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);

  return TRUE;
}

/* Export */

static char *
format_minor_plain (gint64      minor,
                    const char *currency)
{
  int digits = rd_currency_minor_digits (currency);
  gint64 scale = 1;

  if (digits <= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);

  for (int i = 0; i < digits; i++)
    scale *= 10;

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT, minor / scale, digits,
                          ABS (minor % scale));
}

gboolean
rd_csv_export_accounts (RdStore     *store,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GString) out = NULL;
  const char *header[G_N_ELEMENTS (export_columns) + 2];
  guint n = G_N_ELEMENTS (export_columns);

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  docs = rd_store_list_documents (store, "account", NULL, NULL, error);
  if (docs == NULL)
    return FALSE;

  out = g_string_sized_new (256 + docs->len * 200);
  for (guint i = 0; i < n; i++)
    header[i] = rd_csv_column_id (export_columns[i]);
  /* Computed: informative for spreadsheets, not read back. */
  header[n] = "risk_score";
  header[n + 1] = "risk_band";
  rd_csv_append_row (out, header, n + 2, ',');

  for (guint d = 0; d < docs->len; d++)
    {
      JsonObject *doc = g_ptr_array_index (docs, d);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      const char *currency = json_object_get_string_member_with_default (doc, "currency", "EUR");

      for (guint i = 0; i < n; i++)
        {
          RdCsvColumn column = export_columns[i];
          const char *field = field_of (column);
          JsonNode *node = field ? json_object_get_member (doc, field) : NULL;
          char *cell = NULL;

          if (column == RD_CSV_COLUMN_ID)
            cell = g_strdup (json_object_get_string_member (doc, "_id") + strlen ("account:"));
          else if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            cell = g_strdup ("");
          else if (column == RD_CSV_COLUMN_ANNUAL_VALUE)
            cell = format_minor_plain (json_node_get_int (node), currency);
          else if (column == RD_CSV_COLUMN_AUTO_RENEW)
            cell = g_strdup (json_node_get_boolean (node) ? "yes" : "no");
          else if (column == RD_CSV_COLUMN_NOTICE_DAYS)
            cell = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            cell = g_strdup (json_node_get_string (node));
          else
            cell = g_strdup ("");

          g_ptr_array_add (cells, cell);
        }

      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT,
                                               json_object_get_int_member_with_default (doc,
                                                                                        "risk_score",
                                                                                        0)));
      g_ptr_array_add (cells, g_strdup (json_object_get_string_member_with_default (doc, "risk_band",
                                                                                   "")));
      rd_csv_append_row (out, (const char * const *) cells->pdata, cells->len, ',');
    }

  /* Customer data: private like the database itself. */
  return g_file_set_contents_full (path, out->str, (gssize) out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
