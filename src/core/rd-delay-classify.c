/* rd-delay-classify.c
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RdDelay as of a day: which commitments were missed, who said what, and
 * its class through the rules of rd-classify.c. */

#define G_LOG_DOMAIN "rd-delay"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-classify.h"
#include "rd-contact.h"
#include "rd-delay.h"
#include "rd-document.h"
#include "rd-format.h"

void
rd_delay_get_as_of (RdDelay     *self,
                    const GDate *today,
                    GDate       *out_as_of)
{
  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (out_as_of != NULL);

  /* A resolved delay is judged as it stood when it was resolved: its
   * history does not change because time went on. */
  if (rd_delay_get_status (self) == RD_DELAY_STATUS_RESOLVED && rd_date_parse (rd_delay_get_resolved_on (self), out_as_of))
    return;

  *out_as_of = *today;
}

static guint
count_missed_as_of (RdDelay     *self,
                    const GDate *as_of)
{
  guint missed = 0;

  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    if (rd_commitment_is_missed (rd_delay_get_commitment (self, i), rd_delay_get_commitment_kept (self, i), as_of))
      missed++;

  return missed;
}

gboolean
rd_delay_is_missed (RdDelay      *self,
                    RdCommitment  commitment,
                    const GDate  *today)
{
  GDate as_of;

  g_return_val_if_fail (RD_IS_DELAY (self), FALSE);
  g_return_val_if_fail (commitment < RD_N_COMMITMENTS, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  rd_delay_get_as_of (self, today, &as_of);
  return rd_commitment_is_missed (rd_delay_get_commitment (self, commitment), rd_delay_get_commitment_kept (self, commitment), &as_of);
}

guint
rd_delay_count_missed (RdDelay     *self,
                       const GDate *today)
{
  GDate as_of;

  g_return_val_if_fail (RD_IS_DELAY (self), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  rd_delay_get_as_of (self, today, &as_of);
  return count_missed_as_of (self, &as_of);
}

GHashTable *
rd_delay_roles_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
rd_delay_roles_add (GHashTable *roles,
                    const char *contact_id,
                    RdRole      role)
{
  g_return_if_fail (roles != NULL);
  g_return_if_fail (contact_id != NULL);
  g_return_if_fail (role <= RD_ROLE_OTHER);

  g_hash_table_insert (roles, g_strdup (contact_id), GINT_TO_POINTER (role));
}

GHashTable *
rd_delay_roles_new_from_contacts (GPtrArray *contacts)
{
  GHashTable *roles;

  g_return_val_if_fail (contacts != NULL, NULL);

  roles = rd_delay_roles_new ();
  for (guint i = 0; i < contacts->len; i++)
    {
      RdContact *contact = g_ptr_array_index (contacts, i);

      rd_delay_roles_add (roles, rd_contact_get_id (contact), rd_contact_get_role (contact));
    }

  return roles;
}

static int
role_of (GHashTable *roles,
         const char *contact_id)
{
  gpointer value;

  if (roles == NULL || contact_id == NULL ||
      !g_hash_table_lookup_extended (roles, contact_id, NULL, &value))
    return -1;

  return GPOINTER_TO_INT (value);
}

/* The facts of @self as of rd_delay_get_as_of (@today); the statements
 * go to @statements, which must outlive @facts. */
static void
fill_facts (RdDelay         *self,
            const GDate     *hard_deadline,
            GHashTable      *roles,
            const GDate     *today,
            GArray          *statements,
            RdClassifyFacts *facts)
{
  GDate as_of;

  rd_delay_get_as_of (self, today, &as_of);

  rd_classify_facts_init (facts);
  facts->cause = rd_delay_get_cause (self);
  facts->signals = rd_delay_get_own_signals (self);
  facts->missed_commitments = count_missed_as_of (self, &as_of);
  facts->champion_changed = rd_delay_get_cause (self) == RD_CAUSE_CHAMPION_CHANGE;
  if (hard_deadline != NULL && g_date_valid (hard_deadline))
    facts->days_to_deadline = g_date_days_between (&as_of, hard_deadline);

  for (guint i = 0; i < rd_delay_get_statements (self)->len; i++)
    {
      RdStatement *statement = g_ptr_array_index (rd_delay_get_statements (self), i);
      RdClassifyStatement item = { role_of (roles, statement->contact_id), statement->signals };

      g_array_append_val (statements, item);
    }
  facts->statements = (const RdClassifyStatement *) (gpointer) statements->data;
  facts->n_statements = statements->len;
}

RdClassification *
rd_delay_classify_as_of (RdDelay     *self,
                         const GDate *hard_deadline,
                         GHashTable  *roles,
                         const GDate *today)
{
  g_autoptr(GArray) statements = NULL;
  RdClassifyFacts facts;

  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  g_return_val_if_fail (hard_deadline == NULL || g_date_valid (hard_deadline), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  statements = g_array_new (FALSE, FALSE, sizeof (RdClassifyStatement));
  fill_facts (self, hard_deadline, roles, today, statements, &facts);

  return rd_classify_facts (&facts);
}

RdClassification *
rd_delay_classify_in_context (RdDelay              *self,
                              const RdDelayContext *context,
                              GHashTable           *roles)
{
  g_autoptr(GArray) statements = NULL;
  RdClassifyFacts facts;
  GDate deadline;
  gboolean have_deadline;

  g_return_val_if_fail (RD_IS_DELAY (self), NULL);
  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (g_date_valid (&context->today), NULL);

  have_deadline = rd_date_parse (context->deadline, &deadline);
  statements = g_array_new (FALSE, FALSE, sizeof (RdClassifyStatement));
  fill_facts (self, have_deadline ? &deadline : NULL, roles, &context->today, statements, &facts);
  facts.other_open_delays = context->other_open_delays;
  facts.extensions = context->extensions;
  facts.champion_changed |= context->champion_changed;

  return rd_classify_facts (&facts);
}

RdClassification *
rd_delay_document_classify_as_of (JsonObject   *doc,
                                  const GDate  *hard_deadline,
                                  GHashTable   *roles,
                                  const GDate  *today,
                                  GError      **error)
{
  g_autoptr(RdDelay) delay = NULL;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (hard_deadline == NULL || g_date_valid (hard_deadline), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  delay = rd_delay_new_from_document (doc, error);
  if (delay == NULL)
    return NULL;

  return rd_delay_classify_as_of (delay, hard_deadline, roles, today);
}

void
rd_delay_fill_input (RdDelay              *self,
                     const RdDelayContext *context,
                     RdClassifyInput      *input)
{
  GDate as_of;

  g_return_if_fail (RD_IS_DELAY (self));
  g_return_if_fail (context != NULL);
  g_return_if_fail (input != NULL);

  rd_delay_get_as_of (self, &context->today, &as_of);

  rd_classify_input_init (input);
  input->cause = rd_delay_get_cause (self);
  input->signals = rd_delay_get_all_signals (self);
  input->other_open_delays = context->other_open_delays;
  input->extensions = context->extensions;
  input->champion_changed = context->champion_changed || rd_delay_get_cause (self) == RD_CAUSE_CHAMPION_CHANGE;
  input->missed_commitments = count_missed_as_of (self, &as_of);
  if (context->deadline[0] != '\0')
    input->days_to_deadline = rd_date_days_between (&as_of, context->deadline);
}

gboolean
rd_delay_get_next_change (RdDelay     *self,
                          const GDate *hard_deadline,
                          const GDate *today,
                          GDate       *out_next)
{
  gboolean found = FALSE;
  GDate as_of;
  int days;

  g_return_val_if_fail (RD_IS_DELAY (self), FALSE);
  g_return_val_if_fail (hard_deadline == NULL || g_date_valid (hard_deadline), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out_next != NULL, FALSE);

  /* Judged as of another day than today: no day changes that. */
  rd_delay_get_as_of (self, today, &as_of);
  if (g_date_compare (&as_of, today) != 0)
    return FALSE;

  for (guint i = 0; i < RD_N_COMMITMENTS; i++)
    {
      GDate next;

      if (rd_commitment_next_change (rd_delay_get_commitment (self, i),
                                     rd_delay_get_commitment_kept (self, i), today, &next) &&
          (!found || g_date_compare (&next, out_next) < 0))
        {
          *out_next = next;
          found = TRUE;
        }
    }

  if (hard_deadline == NULL || !g_date_valid (hard_deadline))
    return found;
  days = rd_classify_deadline_days_to_change (g_date_days_between (today, hard_deadline));
  if (days != G_MAXINT)
    {
      GDate next = *today;

      g_date_add_days (&next, days);
      if (!found || g_date_compare (&next, out_next) < 0)
        *out_next = next;
      found = TRUE;
    }

  return found;
}
