/* rd-sample-private.h
 *
 * Copyright 2026 The Renewal Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-pricing.h"
#include "rd-sample-data.h"

G_BEGIN_DECLS

/* Streams the sample one account at a time so that 100,000 accounts never
 * sit in memory as documents all at once (rd_store_fill_sample). */
typedef struct _RdSampleGenerator RdSampleGenerator;

RdSampleGenerator *_rd_sample_generator_new  (guint32            seed,
                                              const GDate       *today);
void               _rd_sample_generator_free (RdSampleGenerator *self);
/* Appends the next account document, then its contacts and the documents
 * of its story (delay, concerns, plan and steps, bridges, loss, reminder),
 * to @docs. */
/* Illustrative exchange rates into euros for the sample's currencies. */
void               _rd_sample_add_rates      (const GDate       *today,
                                              GPtrArray         *docs);
void               _rd_sample_generator_next (RdSampleGenerator *self,
                                              GPtrArray         *docs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSampleGenerator, _rd_sample_generator_free)

/* What follows is the generator's own: rd-sample.c makes the accounts,
 * their contracts and contacts, rd-sample-story.c tells their stories. */

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

guint  _rd_sample_pick                (RdSampleGenerator   *self,
                                       guint                n);
char  *_rd_sample_make_uuid           (RdSampleGenerator   *self);
/* A document of @type whose id is derived from @seed, not drawn from the
 * stream: adding it leaves every other document of the sample as it was. */
JsonObject *_rd_sample_new_named_document (const char        *type,
                                           const char        *seed);
/* Today plus @offset days, as "YYYY-MM-DD". */
char  *_rd_sample_date_from_today     (RdSampleGenerator   *self,
                                       int                  offset);
void   _rd_sample_set_day             (RdSampleGenerator   *self,
                                       JsonObject          *doc,
                                       const char          *field,
                                       int                  offset);

int    _rd_sample_story_days          (RdSampleGenerator   *self,
                                       Story                story);
Story  _rd_sample_pick_story          (RdSampleGenerator   *self,
                                       int                  room);
void   _rd_sample_story_dates         (RdSampleGenerator   *self,
                                       const Account       *account,
                                       DelayDates          *dates);
void   _rd_sample_quote_bridges       (const Account       *account,
                                       const GDate         *deadline,
                                       RdBridgeQuote        quotes[6]);
void   _rd_sample_add_story           (RdSampleGenerator   *self,
                                       const Account       *account,
                                       const DelayDates    *planned,
                                       GPtrArray           *docs);
void   _rd_sample_add_renewal_started (RdSampleGenerator   *self,
                                       const Account       *account,
                                       GPtrArray           *docs);

G_END_DECLS
