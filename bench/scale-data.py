#!/usr/bin/python3
# bench/scale-data.py: inflates a sample database to 1,000,000 delays and 1,000,000
# activities (bench/scale), and measures raw SQLite scans of the same tables (the floors).
# Copyright 2026 The Renewal Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   scale-data.py inflate DB [DELAYS ACTIVITIES]   add rows until the totals are reached
#   scale-data.py stale DB                         mark the derived values as of another day
#   scale-data.py scan DB                          print the raw scan floors in ms
#
# The rows are plausible, not realistic: mostly resolved delays spread over the last two
# years (1% open, with dates around today), activities spread over the last two years,
# valid random UUIDs (seeded, so every run builds the same book), dirty = 0 as if synced.
import datetime, json, random, sqlite3, sys, time, uuid

CAUSES = ['budget', 'stakeholders', 'champion_change', 'priority', 'hidden_problem', 'shopping']
GOOD = ['specific_explanation', 'apologetic', 'offered_timeline', 'proactive_updates', 'asks_next_steps']
BAD = ['vague', 'defensive', 'no_timeline', 'radio_silence', 'raises_issues']
KINDS = ['call', 'email', 'meeting', 'note']
SUMMARIES = ['Checked in on the renewal timeline.', 'Sent the renewal quote.',
             'Reviewed usage with the champion.', 'Asked about the budget cycle.',
             'Walked procurement through the order form.']


def connect(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute('PRAGMA foreign_keys = OFF')
    return db


def inflate(path, want_delays, want_activities):
    rnd = random.Random(17)
    uid = lambda: str(uuid.UUID(int=rnd.getrandbits(128), version=4))
    today = datetime.date.today()
    day = lambda d: (today + datetime.timedelta(days=d)).isoformat()
    stamp = datetime.datetime.utcnow().strftime('%Y-%m-%dT%H:%M:%S.000Z')
    db = connect(path)
    db.execute('PRAGMA synchronous = OFF')
    db.execute('PRAGMA cache_size = -4000000')   # 4 GB: random UUID keys touch every page
    accounts = [r[0] for r in db.execute('SELECT id FROM account WHERE deleted = 0 ORDER BY id')]
    contacts = {}
    for cid, aid in db.execute('SELECT id, account_id FROM contact WHERE deleted = 0'):
        contacts.setdefault(aid, []).append(cid)
    have_delays = db.execute('SELECT COUNT(*) FROM delay').fetchone()[0]
    have_activities = db.execute('SELECT COUNT(*) FROM activity').fetchone()[0]

    def delays(n):
        for i in range(n):
            aid = accounts[i % len(accounts)]
            cid = rnd.choice(contacts.get(aid, [None]))
            signals = json.dumps(rnd.sample(GOOD, 2) if rnd.random() < 0.7 else rnd.sample(BAD, 2),
                                 separators=(',', ':'))
            if rnd.random() < 0.01:
                said = -rnd.randint(1, 30)
                yield (uid(), aid, cid, day(said), 'Waiting for the budget release.', rnd.choice(CAUSES),
                       signals, day(said + 10), day(said + 12), day(said + 25), 'Follow up with procurement',
                       day(said + 7), 'open', None, None, stamp, '1-' + uuid.uuid4().hex)
            else:
                said = -rnd.randint(40, 730)
                yield (uid(), aid, cid, day(said), 'Waiting for the budget release.', rnd.choice(CAUSES),
                       signals, day(said + 10), day(said + 12), day(said + 25), None, None,
                       'resolved', day(said + rnd.randint(5, 35)), 'renewed', stamp,
                       '1-' + uuid.uuid4().hex)

    def activities(n):
        for i in range(n):
            aid = accounts[rnd.randrange(len(accounts))]
            cid = rnd.choice(contacts.get(aid, [None]))
            yield (uid(), aid, cid, day(-rnd.randint(0, 730)), rnd.choice(KINDS), rnd.choice(SUMMARIES),
                   stamp, '1-' + uuid.uuid4().hex)

    db.execute('BEGIN')
    db.executemany('INSERT INTO delay (id, account_id, contact_id, communicated_on, stated_reason, cause, '
                   'signals, info_by, reconnect_on, decision_by, next_step, next_step_on, status, '
                   'resolved_on, outcome, updated_at, rev, dirty, deleted) '
                   'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)',
                   delays(max(0, want_delays - have_delays)))
    db.executemany('INSERT INTO activity (id, account_id, contact_id, "on", kind, summary, updated_at, '
                   'rev, dirty, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)',
                   activities(max(0, want_activities - have_activities)))
    db.execute('COMMIT')
    db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    db.execute('ANALYZE')
    for t in ('account', 'delay', 'activity'):
        print(f'{t}: {db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]} rows', file=sys.stderr)


def stale(path):
    # The next start or command then derives classes, risk and reminders again, as on a new day.
    db = connect(path)
    db.execute("UPDATE settings SET value = '2000-01-01' WHERE key = 'derived-on'")


def scan(path):
    db = connect(path)
    for label, sql in (('scan-delay-account-ms', ('SELECT * FROM delay WHERE deleted = 0',
                                                   'SELECT * FROM account WHERE deleted = 0')),
                       ('scan-activity-ms', ('SELECT * FROM activity WHERE deleted = 0',))):
        t0 = time.monotonic()
        for q in sql:
            for _ in db.execute(q):
                pass
        print(label, f'{(time.monotonic() - t0) * 1000:.1f}')


if __name__ == '__main__':
    cmd, path = sys.argv[1:3]
    if cmd == 'inflate':
        inflate(path, *(int(a) for a in (sys.argv[3:5] or ('1000000', '1000000'))))
    elif cmd == 'stale':
        stale(path)
    elif cmd == 'scan':
        scan(path)
    else:
        sys.exit(f'unknown command {cmd}')
