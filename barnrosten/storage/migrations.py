"""Versioned schema migrations, applied in order at start.

Each migration is a list of SQL statements under a version number. Applied
versions are recorded in `schema_migrations`; a migration runs once, inside a
transaction, so a failure leaves the previous schema intact. Never edit a
migration that has shipped: add a new one.
"""

from __future__ import annotations

from datetime import datetime, timezone

import sqlite_utils

# Migration 13 releases what had settled before it (the same test as barnrosten/results/release.py, at "now").
_NOW = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
_SETTLED_NOW = (
    f"(p.completed_at IS NOT NULL OR p.ended_at IS NOT NULL OR s.status = 'closed' "
    f"OR (s.expires_at IS NOT NULL AND s.expires_at <= {_NOW}) OR (s.shared_device = 1 AND p.last_active_at < "
    f"strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-' || s.idle_timeout_minutes || ' minutes')))"
)

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE municipalities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            is_demo INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE surveys (
            id TEXT PRIMARY KEY,
            respondent_group TEXT NOT NULL,
            title TEXT NOT NULL
        )""",
        # A session pins the version it was created with, so editing a survey
        # file never changes the questions of a session already under way.
        """CREATE TABLE survey_versions (
            id INTEGER PRIMARY KEY,
            survey_id TEXT NOT NULL REFERENCES surveys(id),
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            definition TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (survey_id, version),
            UNIQUE (survey_id, content_hash)
        )""",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            municipality_id TEXT NOT NULL REFERENCES municipalities(id),
            survey_version_id INTEGER NOT NULL REFERENCES survey_versions(id),
            label TEXT,
            service_area TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            shared_device INTEGER NOT NULL DEFAULT 1,
            idle_timeout_minutes INTEGER NOT NULL DEFAULT 10,
            created_at TEXT NOT NULL,
            expires_at TEXT
        )""",
        # Anonymous: a random token, never a name, IP address or user agent.
        """CREATE TABLE participants (
            token TEXT PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            language TEXT NOT NULL,
            age_band TEXT,
            gender TEXT,
            current_question TEXT,
            started_at TEXT NOT NULL,
            last_active_at TEXT NOT NULL,
            completed_at TEXT,
            ended_at TEXT
        )""",
        # One row per answered question; the primary key makes a retried save
        # overwrite rather than duplicate.
        """CREATE TABLE answers (
            participant_token TEXT NOT NULL REFERENCES participants(token),
            question_id TEXT NOT NULL,
            value TEXT,
            skipped INTEGER NOT NULL DEFAULT 0,
            answered_at TEXT NOT NULL,
            PRIMARY KEY (participant_token, question_id)
        )""",
        "CREATE INDEX idx_participants_session ON participants(session_id)",
        "CREATE INDEX idx_answers_question ON answers(question_id)",
        "CREATE INDEX idx_sessions_municipality ON sessions(municipality_id)",
    ],
    # Free text that may disclose harm, flagged when saved so it can never sit
    # unseen; staff review each flag (status new -> seen -> acted_on).
    2: [
        """CREATE TABLE safety_flags (
            participant_token TEXT NOT NULL REFERENCES participants(token),
            question_id TEXT NOT NULL,
            categories TEXT NOT NULL,
            flagged_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'seen', 'acted_on')),
            PRIMARY KEY (participant_token, question_id)
        )""",
        "CREATE INDEX idx_safety_flags_status ON safety_flags(status)",
    ],
    # Annotations of free text, cached by text hash and pipeline version, so the
    # same text is never analysed twice and a new lexicon means a new version.
    3: [
        """CREATE TABLE annotations (
            text_hash TEXT NOT NULL,
            pipeline_version TEXT NOT NULL,
            result TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (text_hash, pipeline_version)
        )""",
        "ALTER TABLE answers ADD COLUMN text_hash TEXT",
        "CREATE INDEX idx_answers_text_hash ON answers(text_hash)",
    ],
    # Sentence embeddings, keyed by a hash of model version and text (analysis.embeddings.text_key).
    4: [
        """CREATE TABLE embeddings (
            text_key TEXT PRIMARY KEY,
            vector BLOB NOT NULL
        )""",
    ],
    # Staff accounts: argon2 hashes, roles per municipality, expiring sessions,
    # and an audit log that SQLite itself keeps append-only.
    5: [
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            disabled INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE user_roles (
            user_id INTEGER NOT NULL REFERENCES users(id),
            role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'facilitator', 'network_viewer')),
            municipality_id TEXT REFERENCES municipalities(id),
            UNIQUE (user_id, role, municipality_id)
        )""",
        """CREATE TABLE staff_sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )""",
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT,
            action TEXT NOT NULL,
            target TEXT,
            details TEXT
        )""",
        """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
        """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    ],
    # Who changed a safety flag and when (the review history), and "you said, we did":
    # actions a municipality took on what children told it, shown back to them.
    6: [
        """CREATE TABLE safety_flag_events (
            id INTEGER PRIMARY KEY,
            participant_token TEXT NOT NULL,
            question_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new', 'seen', 'acted_on')),
            changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            note TEXT
        )""",
        "CREATE INDEX idx_safety_flag_events_flag ON safety_flag_events(participant_token, question_id)",
        """CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            municipality_id TEXT NOT NULL REFERENCES municipalities(id),
            theme TEXT,
            audience TEXT NOT NULL CHECK (audience IN ('all', 'children', 'youth', 'guardians', 'placed')),
            said TEXT NOT NULL,
            did TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
            status_date TEXT NOT NULL,
            published INTEGER NOT NULL DEFAULT 1,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_actions_municipality ON actions(municipality_id)",
    ],
    # Dashboard speed (bench/bench_dashboard.py): a municipality's sessions lead to their
    # participants in the period and on to their closed answers, all from covering indexes.
    7: [
        "CREATE INDEX idx_participants_session_started ON participants(session_id, started_at, completed_at, gender, "
        "age_band, token)",
        "CREATE INDEX idx_answers_closed ON answers(participant_token, question_id, value, skipped, text_hash) "
        "WHERE skipped = 0 AND text_hash IS NULL",
        "CREATE INDEX idx_answers_texts ON answers(participant_token, text_hash, skipped, question_id) "
        "WHERE text_hash IS NOT NULL",
    ],
    # Single sign-on: an admin links a staff account to an e-mail address at the municipality's
    # identity provider; the first login binds the provider's stable id (issuer + subject).
    8: [
        """CREATE TABLE sso_identities (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            issuer TEXT,
            subject TEXT,
            created_at TEXT NOT NULL,
            last_login_at TEXT,
            UNIQUE (issuer, subject)
        )""",
    ],
    # Workshops: a facilitator's sequence of activities that every participant's screen follows.
    # The dot budget is enforced by SQLite itself, so no reload or double tap can overspend it.
    9: [
        """CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            municipality_id TEXT NOT NULL REFERENCES municipalities(id),
            title TEXT NOT NULL,
            audience TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'sv',
            code TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'paused', 'ended')),
            join_locked INTEGER NOT NULL DEFAULT 0,
            current_position INTEGER NOT NULL DEFAULT 0,
            dots_per_person INTEGER NOT NULL DEFAULT 3 CHECK (dots_per_person BETWEEN 1 AND 20),
            notes TEXT,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            ended_at TEXT
        )""",
        """CREATE TABLE workshop_activities (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('survey', 'ideas', 'voting', 'journey', 'themes')),
            prompt TEXT NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}',
            UNIQUE (workshop_id, position)
        )""",
        """CREATE TABLE workshop_participants (
            token TEXT PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id),
            joined_at TEXT NOT NULL
        )""",
        """CREATE TABLE idea_cards (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id),
            activity_id INTEGER NOT NULL REFERENCES workshop_activities(id),
            participant_token TEXT NOT NULL REFERENCES workshop_participants(token),
            text TEXT NOT NULL,
            shown_text TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('shown', 'held', 'hidden', 'merged')),
            risk_categories TEXT NOT NULL DEFAULT '[]',
            merged_into INTEGER REFERENCES idea_cards(id),
            created_at TEXT NOT NULL,
            reviewed_by TEXT
        )""",
        "CREATE INDEX idx_idea_cards_activity ON idea_cards(activity_id, status)",
        """CREATE TABLE card_votes (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id),
            card_id INTEGER NOT NULL REFERENCES idea_cards(id),
            participant_token TEXT NOT NULL REFERENCES workshop_participants(token),
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_card_votes_participant ON card_votes(participant_token)",
        "CREATE INDEX idx_card_votes_card ON card_votes(card_id)",
        """CREATE TRIGGER card_votes_budget BEFORE INSERT ON card_votes
           WHEN (SELECT COUNT(*) FROM card_votes WHERE participant_token = NEW.participant_token
                 AND workshop_id = NEW.workshop_id)
                >= (SELECT dots_per_person FROM workshops WHERE id = NEW.workshop_id)
           BEGIN SELECT RAISE(ABORT, 'no dots left'); END""",
        """CREATE TABLE journey_ratings (
            participant_token TEXT NOT NULL REFERENCES workshop_participants(token),
            activity_id INTEGER NOT NULL REFERENCES workshop_activities(id),
            step INTEGER NOT NULL,
            face INTEGER NOT NULL CHECK (face BETWEEN 1 AND 5),
            comment TEXT,
            shown_comment TEXT,
            rated_at TEXT NOT NULL,
            PRIMARY KEY (participant_token, activity_id, step)
        )""",
    ],
    # Network-wide figures from a summary refreshed in the background (barnrosten/results/network_summary.py):
    # the whole network's answers grouped by every filter the dashboard has.
    10: [
        """CREATE TABLE answer_cube (
            municipality_id TEXT NOT NULL, month TEXT NOT NULL, survey_version_id INTEGER NOT NULL,
            question_id TEXT NOT NULL, value TEXT, gender TEXT, age_band TEXT, service_area TEXT, n INTEGER NOT NULL
        )""",
        "CREATE INDEX idx_answer_cube_month ON answer_cube(month)",
        """CREATE TABLE respondent_cube (
            municipality_id TEXT NOT NULL, month TEXT NOT NULL, survey_version_id INTEGER NOT NULL,
            gender TEXT, age_band TEXT, service_area TEXT, started INTEGER NOT NULL, completed INTEGER NOT NULL
        )""",
        "CREATE INDEX idx_respondent_cube_month ON respondent_cube(month)",
        "CREATE TABLE cube_state (id INTEGER PRIMARY KEY CHECK (id = 1), built_at TEXT NOT NULL)",
    ],
    # The optional last question "Did you answer on your own or with an adult's help?"
    # (barnrosten/answering/responses.py ANSWERED_WITH); NULL when not asked or not answered.
    11: ["ALTER TABLE participants ADD COLUMN answered_with TEXT CHECK (answered_with IN ('self', 'with_adult'))"],
    # The safety queue under any load (barnrosten/safeguarding/review_queue.py): each flag carries its
    # municipality, its session (where the comment came from), its severity and its categories as bits,
    # and `queue_rank` (severity, then newest first) that pages walk along an index; the indexes cover
    # every filter. Counters per municipality, status and severity answer the unread badge. Triggers keep
    # all of it, whoever writes the flag.
    12: [
        "CREATE TABLE safety_severity (category TEXT PRIMARY KEY, rank INTEGER NOT NULL)",
        # Lower is more serious; the same order as review_queue.SEVERITY_ORDER. Category bit = 1 << (rank - 1).
        "INSERT INTO safety_severity (category, rank) VALUES ('suicidal', 1), ('sexual_abuse', 2), ('violence', 3), "
        "('self_harm', 4), ('grooming', 5), ('threats', 6), ('honour', 7), ('exploitation', 8), ('neglect', 9), "
        "('running_away', 10), ('eating_disorder', 11), ('substance_use', 12), ('unsafe', 13), ('bullying', 14)",
        "ALTER TABLE safety_flags ADD COLUMN municipality_id TEXT",
        "ALTER TABLE safety_flags ADD COLUMN session_id INTEGER",
        "ALTER TABLE safety_flags ADD COLUMN severity INTEGER NOT NULL DEFAULT 99",
        "ALTER TABLE safety_flags ADD COLUMN category_bits INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE safety_flags ADD COLUMN queue_rank INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE safety_flag_counts (
            municipality_id TEXT NOT NULL, status TEXT NOT NULL, severity INTEGER NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (municipality_id, status, severity)
        )""",
        # A category without a rank sorts after every ranked one (99), never out of the queue.
        "CREATE VIEW safety_flag_ranks AS SELECT f.participant_token, f.question_id, "
        "COALESCE((SELECT MIN(r.rank) FROM json_each(f.categories) j JOIN safety_severity r ON r.category = j.value), 99) "
        "AS severity, COALESCE((SELECT SUM(1 << (r.rank - 1)) FROM safety_severity r WHERE r.category IN "
        "(SELECT j.value FROM json_each(f.categories) j)), 0) AS category_bits, "
        "COALESCE(CAST(strftime('%s', f.flagged_at) AS INTEGER), 0) AS flagged_epoch FROM safety_flags f",
        """UPDATE safety_flags SET
            session_id = (SELECT p.session_id FROM participants p WHERE p.token = safety_flags.participant_token),
            municipality_id = (SELECT s.municipality_id FROM participants p JOIN sessions s ON s.id = p.session_id
                               WHERE p.token = safety_flags.participant_token),
            (severity, category_bits, queue_rank) = (SELECT v.severity, v.category_bits,
                v.severity * 10000000000 + 9999999999 - v.flagged_epoch FROM safety_flag_ranks v
                WHERE v.participant_token = safety_flags.participant_token AND v.question_id = safety_flags.question_id)""",
        "INSERT INTO safety_flag_counts (municipality_id, status, severity, n) SELECT COALESCE(municipality_id, ''), "
        "status, severity, COUNT(*) FROM safety_flags GROUP BY 1, 2, 3",
        # One trigger per event (the order of several triggers on one event is not defined).
        """CREATE TRIGGER safety_flags_added AFTER INSERT ON safety_flags BEGIN
            UPDATE safety_flags SET
                session_id = (SELECT p.session_id FROM participants p WHERE p.token = NEW.participant_token),
                municipality_id = (SELECT s.municipality_id FROM participants p JOIN sessions s ON s.id = p.session_id
                                   WHERE p.token = NEW.participant_token),
                (severity, category_bits, queue_rank) = (SELECT v.severity, v.category_bits,
                    v.severity * 10000000000 + 9999999999 - v.flagged_epoch FROM safety_flag_ranks v
                    WHERE v.participant_token = NEW.participant_token AND v.question_id = NEW.question_id)
            WHERE participant_token = NEW.participant_token AND question_id = NEW.question_id;
            INSERT INTO safety_flag_counts (municipality_id, status, severity, n)
                SELECT COALESCE(f.municipality_id, ''), f.status, f.severity, 1 FROM safety_flags f
                WHERE f.participant_token = NEW.participant_token AND f.question_id = NEW.question_id
                ON CONFLICT (municipality_id, status, severity) DO UPDATE SET n = n + 1;
        END""",
        """CREATE TRIGGER safety_flags_changed AFTER UPDATE OF status, categories, flagged_at ON safety_flags BEGIN
            UPDATE safety_flag_counts SET n = n - 1 WHERE municipality_id = COALESCE(OLD.municipality_id, '')
                AND status = OLD.status AND severity = OLD.severity;
            UPDATE safety_flags SET
                (severity, category_bits, queue_rank) = (SELECT v.severity, v.category_bits,
                    v.severity * 10000000000 + 9999999999 - v.flagged_epoch FROM safety_flag_ranks v
                    WHERE v.participant_token = NEW.participant_token AND v.question_id = NEW.question_id)
            WHERE participant_token = NEW.participant_token AND question_id = NEW.question_id;
            INSERT INTO safety_flag_counts (municipality_id, status, severity, n)
                SELECT COALESCE(f.municipality_id, ''), f.status, f.severity, 1 FROM safety_flags f
                WHERE f.participant_token = NEW.participant_token AND f.question_id = NEW.question_id
                ON CONFLICT (municipality_id, status, severity) DO UPDATE SET n = n + 1;
        END""",
        """CREATE TRIGGER safety_flags_removed AFTER DELETE ON safety_flags BEGIN
            UPDATE safety_flag_counts SET n = n - 1 WHERE municipality_id = COALESCE(OLD.municipality_id, '')
                AND status = OLD.status AND severity = OLD.severity;
        END""",
        "DROP INDEX idx_safety_flags_status",
        "CREATE INDEX idx_safety_flags_queue ON safety_flags(status, queue_rank, municipality_id, category_bits, "
        "flagged_at, session_id)",
        "CREATE INDEX idx_safety_flags_queue_any_status ON safety_flags(queue_rank, municipality_id, category_bits, "
        "flagged_at, session_id, status)",
        "CREATE INDEX idx_safety_flags_municipality_queue ON safety_flags(municipality_id, status, queue_rank, "
        "category_bits, flagged_at, session_id)",
        "CREATE INDEX idx_safety_flags_session ON safety_flags(session_id, status)",
    ],
    # Privacy across queries (barnrosten/results/privacy.py, perturbation.py, release.py):
    # - a random record key per respondent and per workshop participant, drawn once by SQLite when the row
    #   is stored (existing rows get theirs here); figures are perturbed by the sum of their keys;
    # - import batches, explicit: every imported respondent's session names its batch, and the privacy
    #   rules count native respondents and each batch apart;
    # - releases: a municipality's new respondents reach the figures in groups of at least k;
    # - the network summary keeps the key sums and the import batch of what it counts.
    13: [
        "ALTER TABLE participants ADD COLUMN record_key INTEGER",
        "UPDATE participants SET record_key = abs(random()) % 4096",
        """CREATE TRIGGER participants_record_key AFTER INSERT ON participants WHEN NEW.record_key IS NULL
           BEGIN UPDATE participants SET record_key = abs(random()) % 4096 WHERE rowid = NEW.rowid; END""",
        "ALTER TABLE workshop_participants ADD COLUMN record_key INTEGER",
        "UPDATE workshop_participants SET record_key = abs(random()) % 4096",
        """CREATE TRIGGER workshop_participants_record_key AFTER INSERT ON workshop_participants
           WHEN NEW.record_key IS NULL
           BEGIN UPDATE workshop_participants SET record_key = abs(random()) % 4096 WHERE rowid = NEW.rowid; END""",
        """CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY,
            municipality_id TEXT NOT NULL REFERENCES municipalities(id),
            source TEXT NOT NULL,
            imported_by TEXT,
            imported_at TEXT NOT NULL,
            rows INTEGER NOT NULL
        )""",
        "ALTER TABLE sessions ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id)",
        # Imports so far: the sessions the import wrote (its audit entry names the session; its label
        # says "Import: <file>" and every row was started, finished and ended at the row's date).
        """INSERT INTO import_batches (id, municipality_id, source, imported_by, imported_at, rows)
           SELECT s.id, s.municipality_id, substr(s.label, 9),
                  (SELECT a.actor FROM audit_log a WHERE a.action = 'import'
                   AND json_extract(a.details, '$.session') = s.id),
                  s.created_at, (SELECT COUNT(*) FROM participants p WHERE p.session_id = s.id)
           FROM sessions s
           WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'import' AND json_extract(a.details, '$.session') = s.id)
              OR (s.label LIKE 'Import: %' AND s.status = 'closed' AND EXISTS (SELECT 1 FROM participants p
                  WHERE p.session_id = s.id) AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.session_id = s.id
                  AND (p.completed_at IS NULL OR p.completed_at != p.started_at OR p.ended_at IS NOT p.started_at)))""",
        "UPDATE sessions SET import_batch_id = id WHERE id IN (SELECT id FROM import_batches)",
        """CREATE TABLE releases (
            id INTEGER PRIMARY KEY,
            municipality_id TEXT NOT NULL REFERENCES municipalities(id),
            released_at TEXT NOT NULL,
            respondents INTEGER NOT NULL
        )""",
        "ALTER TABLE participants ADD COLUMN release_id INTEGER REFERENCES releases(id)",
        # Everything settled so far was shown before this migration: it is released at once, one group per
        # municipality. Respondents still answering wait for the rule like every new one.
        f"""INSERT INTO releases (municipality_id, released_at, respondents)
           SELECT s.municipality_id, {_NOW}, COUNT(*) FROM participants p JOIN sessions s ON s.id = p.session_id
           WHERE {_SETTLED_NOW} GROUP BY s.municipality_id""",
        f"""UPDATE participants SET release_id = (SELECT r.id FROM releases r JOIN sessions s
               ON s.municipality_id = r.municipality_id WHERE s.id = participants.session_id)
           WHERE EXISTS (SELECT 1 FROM participants p JOIN sessions s ON s.id = p.session_id
                         WHERE p.rowid = participants.rowid AND {_SETTLED_NOW})""",
        "CREATE INDEX idx_participants_pending ON participants(session_id) WHERE release_id IS NULL",
        # The dashboard's walk (see migration 7), over released respondents only, with their record keys.
        # (release_id is a column too: SQLite counts an index as covering only when it holds every column used.)
        "CREATE INDEX idx_participants_released ON participants(session_id, started_at, completed_at, gender, "
        "age_band, record_key, release_id, token) WHERE release_id IS NOT NULL",
        "DROP TABLE answer_cube",
        """CREATE TABLE answer_cube (
            municipality_id TEXT NOT NULL, month TEXT NOT NULL, survey_version_id INTEGER NOT NULL,
            question_id TEXT NOT NULL, value TEXT, gender TEXT, age_band TEXT, service_area TEXT,
            import_batch_id INTEGER, n INTEGER NOT NULL, key_sum INTEGER NOT NULL
        )""",
        "CREATE INDEX idx_answer_cube_month ON answer_cube(month)",
        "DROP TABLE respondent_cube",
        """CREATE TABLE respondent_cube (
            municipality_id TEXT NOT NULL, month TEXT NOT NULL, survey_version_id INTEGER NOT NULL,
            gender TEXT, age_band TEXT, service_area TEXT, import_batch_id INTEGER,
            started INTEGER NOT NULL, completed INTEGER NOT NULL, started_key INTEGER NOT NULL,
            completed_key INTEGER NOT NULL
        )""",
        "CREATE INDEX idx_respondent_cube_month ON respondent_cube(month)",
        "DELETE FROM cube_state",
        # The last release the summary holds: after a newer one, network figures are counted live until rebuilt.
        "ALTER TABLE cube_state ADD COLUMN release_id INTEGER",
    ],
    # Read-aloud recordings (barnrosten/answering/recordings.py): one short audio file per survey version,
    # language and item (a question, a help text). A new recording replaces the row under a new id
    # (AUTOINCREMENT never reuses one), so an id never changes its sound. The unique key is the
    # answering screen's index: version and language, then item.
    14: [
        """CREATE TABLE recordings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            survey_version_id INTEGER NOT NULL REFERENCES survey_versions(id),
            language TEXT NOT NULL,
            item TEXT NOT NULL,
            mime_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            audio BLOB NOT NULL,
            recorded_by TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (survey_version_id, language, item)
        )""",
    ],
    # The language a session opens in (participants may still switch). NULL: Swedish. A draft
    # translation is stored here only after staff saw the warning (sessions.create_session).
    15: ["ALTER TABLE sessions ADD COLUMN language TEXT"],
    # The background workers' last run, success and error (barnrosten/storage/worker_runs.py), for admins.
    16: [
        """CREATE TABLE worker_runs (
            worker TEXT PRIMARY KEY,
            last_run_at TEXT,
            last_success_at TEXT,
            last_error_at TEXT,
            last_error TEXT,
            last_outcome TEXT CHECK (last_outcome IN ('ok', 'error'))
        )""",
    ],
    # The job queue (barnrosten/jobs/queue.py): background work runs once however many app processes
    # there are. A worker holds a job under a lease; a crashed worker's job is taken again when the
    # lease runs out. At most one job of a kind is queued (requests coalesce).
    17: [
        """CREATE TABLE jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
            run_after TEXT NOT NULL,
            lease_owner TEXT,
            lease_until TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT
        )""",
        "CREATE UNIQUE INDEX idx_jobs_one_queued ON jobs(kind) WHERE status = 'queued'",
        "CREATE INDEX idx_jobs_due ON jobs(status, run_after)",
    ],
    # Lundy's four elements per activity (barnrosten/results/lundy.py): a survey round (session) or a
    # workshop, each with a tick and a short note per element, and the dates for Audience and Influence.
    18: [
        """CREATE TABLE lundy_checklists (
            id INTEGER PRIMARY KEY,
            municipality_id TEXT NOT NULL REFERENCES municipalities(id),
            session_id INTEGER UNIQUE REFERENCES sessions(id),
            workshop_id INTEGER UNIQUE REFERENCES workshops(id),
            space_ok INTEGER NOT NULL DEFAULT 0 CHECK (space_ok IN (0, 1)),
            space_note TEXT NOT NULL DEFAULT '',
            voice_ok INTEGER NOT NULL DEFAULT 0 CHECK (voice_ok IN (0, 1)),
            voice_note TEXT NOT NULL DEFAULT '',
            audience_ok INTEGER NOT NULL DEFAULT 0 CHECK (audience_ok IN (0, 1)),
            audience_note TEXT NOT NULL DEFAULT '',
            audience_by TEXT,
            influence_ok INTEGER NOT NULL DEFAULT 0 CHECK (influence_ok IN (0, 1)),
            influence_note TEXT NOT NULL DEFAULT '',
            influence_by TEXT,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ((session_id IS NULL) != (workshop_id IS NULL))
        )""",
        "CREATE INDEX idx_lundy_municipality ON lundy_checklists(municipality_id, influence_by)",
    ],
    # How many children or guardians were invited or could answer in a session, entered by staff: the
    # denominator of the response rate (barnrosten/results/response_rate.py). NULL: not entered.
    19: ["ALTER TABLE sessions ADD COLUMN invited INTEGER CHECK (invited IS NULL OR invited BETWEEN 1 AND 1000000)"],
    # Staff sessions that survive a reload (barnrosten/ui/session_cookie.py): the browser trades a one-time
    # ticket, within two minutes, for the HttpOnly cookie holding its session token. The row keeps the token
    # only sealed with the ticket (which is stored hashed), and goes with its session.
    20: [
        """CREATE TABLE staff_session_handoffs (
            ticket_hash TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL REFERENCES staff_sessions(token_hash) ON DELETE CASCADE,
            sealed_token BLOB NOT NULL,
            expires_at TEXT NOT NULL
        )""",
        "CREATE INDEX staff_session_handoffs_by_session ON staff_session_handoffs (token_hash)",
    ],
    # Why each flag was raised (analysis.safeguarding.Reason, as a JSON list): the source ("pattern" or
    # "model"), the category, the score and the matched words, shown to the reviewer. NULL for flags raised
    # before this migration: the queue then says the reason was not recorded.
    21: ["ALTER TABLE safety_flags ADD COLUMN reasons TEXT"],
}


def applied_versions(db: sqlite_utils.Database) -> set[int]:
    if "schema_migrations" not in db.table_names():
        return set()
    return {row["version"] for row in db.query("SELECT version FROM schema_migrations")}


def apply_migrations(db: sqlite_utils.Database, migrations: dict[int, list[str]] | None = None) -> list[int]:
    """Apply every migration not yet applied; returns the versions applied now.

    Safe from many processes at once. The common case (nothing to do) only
    reads. Otherwise all work happens under `BEGIN IMMEDIATE`: in WAL mode a
    read that later turns into a write can fail at once with "database is
    locked" instead of waiting, so the write lock is taken before the first read.
    """
    migrations = MIGRATIONS if migrations is None else migrations
    if set(migrations) <= applied_versions(db):
        return []
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        applied_now = []
        for version in sorted(set(migrations) - done):
            # Each migration in a savepoint: a failing one undoes only itself and stops here.
            conn.execute("SAVEPOINT migration")
            try:
                for statement in migrations[version]:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                    (version, datetime.now(timezone.utc).isoformat(timespec="seconds")),
                )
            except BaseException:
                conn.execute("ROLLBACK TO migration")
                conn.execute("RELEASE migration")
                conn.execute("COMMIT")  # keep the migrations before this one
                raise
            conn.execute("RELEASE migration")
            applied_now.append(version)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return applied_now
