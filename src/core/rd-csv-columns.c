/* rd-csv-columns.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdCsvImport: the fields a column can hold, and the header names that
 * name them in CRM exports and spreadsheets. */

#define G_LOG_DOMAIN "rd-csv-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-csv-import-private.h"
#include "rd-format.h"

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
 * languages.  Matched by rd_match_key(), so "Contract End", "contract_end"
 * and "CONTRACT-END" are the same. */
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

const char *
_rd_csv_column_field (RdCsvColumn column)
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

gboolean
_rd_csv_column_is_contact (RdCsvColumn column)
{
  return column >= RD_CSV_COLUMN_CONTACT_NAME && column <= RD_CSV_COLUMN_CONTACT_PHONE;
}

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

  key = rd_match_key (header);
  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    {
      if (g_str_equal (guesses[i].header, key))
        return guesses[i].column;
    }

  /* The app's own labels, e.g. a translated export edited by hand. */
  for (guint i = 1; i < RD_CSV_N_COLUMNS; i++)
    {
      g_autofree char *label = rd_match_key (rd_csv_column_label (i));

      if (g_str_equal (label, key))
        return i;
    }

  return RD_CSV_COLUMN_IGNORE;
}
