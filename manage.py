"""Management commands. Run `python manage.py --help`.

    python manage.py seed-demo --responses 5000 --seed 1
    python manage.py check-surveys
    python manage.py create-session --municipality bjorkdala --survey barn-7-12
    python manage.py backup backups/barnrosten-2026-11-22.db
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from barnrosten.answering.sessions import create_session
from barnrosten.i18n import draft_warning
from barnrosten.answering.survey_store import ensure_municipality, latest_version_id, sync_catalog
from barnrosten.config import Config
from barnrosten.logs import configure_logging
from barnrosten.storage import worker_runs
from barnrosten.storage.backup import backup_database
from barnrosten.storage.db import connection, open_db, utc_now
from surveys.loader import load_surveys


def cmd_migrate(config: Config, args) -> int:
    open_db(config.db_path).conn.close()
    print(f"Database ready: {config.db_path}")
    return 0


def cmd_check_surveys(config: Config, args) -> int:
    catalog = load_surveys(config.surveys_dir)
    for survey in catalog.surveys.values():
        print(f"ok    {survey.id}: {len(survey.questions)} questions, languages {', '.join(sorted(survey.languages()))}")
    for problem in catalog.problems:
        print(f"ERROR {problem.describe()}")
    return 1 if catalog.problems else 0


def cmd_create_session(config: Config, args) -> int:
    db = open_db(config.db_path)
    sync_catalog(db, load_surveys(config.surveys_dir))
    version_id = latest_version_id(db, args.survey)
    if version_id is None:
        print(f"No survey with id {args.survey!r}; see `python manage.py check-surveys`.", file=sys.stderr)
        return 2
    if db["municipalities"].count_where("id = ?", [args.municipality]) == 0:
        ensure_municipality(db, args.municipality, args.municipality_name or args.municipality)
    warning = draft_warning(args.language, "en") if args.language else None
    if warning:
        print(warning, file=sys.stderr)
        if not args.accept_draft:
            print("No session was created. Add --accept-draft to create it anyway.", file=sys.stderr)
            return 3
    try:
        session = create_session(
            db,
            args.municipality,
            version_id,
            label=args.label,
            shared_device=not args.personal_devices,
            idle_timeout_minutes=args.idle_minutes,
            expires_at=utc_now() + timedelta(days=args.days),
            code=args.code,
            language=args.language,
            allow_draft=args.accept_draft,
        )
    except ValueError as problem:
        print(problem, file=sys.stderr)
        return 2
    link = f"{args.base_url.rstrip('/')}/?code={session['code']}"
    print(f"Join code: {session['code']}")
    print(f"Link: {link}")
    if args.qr:
        import segno

        # Error correction "M" survives a smudged print-out; scale for a projector or an A4 sheet.
        segno.make(link, error="m").save(args.qr, scale=12, border=4)
        print(f"QR code: {args.qr}")
    return 0


def cmd_seed_demo(config: Config, args) -> int:
    from barnrosten.demo import seed_demo

    db = open_db(config.db_path)
    if args.if_empty and db["participants"].count > 0:
        print("The database already has answers; no demo data added.")
        return 0
    summary = seed_demo(db, load_surveys(config.surveys_dir), responses=args.responses, seed=args.seed)
    print(summary)
    return 0


def cmd_annotate(config: Config, args) -> int:
    from barnrosten.answering.annotation_worker import annotate_pending
    from barnrosten.answering.annotations import STORED_VERSION, drop_annotations

    if args.redo:
        with connection(config.db_path) as db:
            drop_annotations(db)
    # Recorded like the background worker's rounds (the admins' page); a failure is logged with its traceback.
    count = worker_runs.run(config.db_path, worker_runs.ANNOTATION, annotate_pending)
    if count is None:
        print("Annotation failed; see the log above. Nothing after the failure was stored.", file=sys.stderr)
        return 1
    print(f"Annotated {count} distinct texts with pipeline {STORED_VERSION}.")
    return 0


def cmd_worker(config: Config, args) -> int:
    """Run background work from the queue: with --once until nothing is due, else until stopped."""
    import logging
    import signal

    from barnrosten.jobs.worker import Worker, run_due, schedule_periodic

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.once:
        db = open_db(config.db_path)
        schedule_periodic(db)
        ran = run_due(db, config)
        db.conn.close()
        print(f"{ran} jobs run")
        return 0
    worker = Worker(config, poll_seconds=args.poll)

    def stop(*_):
        worker.stop.set()
        worker.wake.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    worker.serve()
    return 0


def cmd_create_user(config: Config, args) -> int:
    import getpass

    from barnrosten.access.accounts import WeakPassword, create_user

    roles = []
    for spec in args.role:
        role, _, municipality = spec.partition(":")
        roles.append((role, municipality or None))
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif args.sso_email:
        import secrets

        password = secrets.token_urlsafe(32)  # nobody knows it: this account logs in through the provider only
    else:
        password = getpass.getpass("Password (at least 12 characters): ")
        if getpass.getpass("Again: ") != password:
            print("The passwords differ; nothing was created.", file=sys.stderr)
            return 2
    db = open_db(config.db_path)
    try:
        create_user(db, args.username, password, roles, actor="manage.py")
    except WeakPassword as exc:
        print(f"Password too weak: {exc}. Nothing was created.", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"{exc}. Nothing was created.", file=sys.stderr)
        return 2
    if args.sso_email:
        from barnrosten.access.sso import link_identity

        link_identity(db, args.username, args.sso_email, actor="manage.py")
    print(f"User {args.username} created with roles {', '.join(args.role)}."
          + (f" Logs in through the identity provider as {args.sso_email}." if args.sso_email else ""))
    return 0


def cmd_purge_free_text(config: Config, args) -> int:
    from barnrosten.storage.retention import purge_free_text

    if args.months < 1:
        print("--months must be at least 1.", file=sys.stderr)
        return 2
    # Run from cron: recorded like the background workers' rounds (the admins' page), failures logged.
    count = worker_runs.run(config.db_path, worker_runs.RETENTION,
                            lambda db: purge_free_text(db, args.months, actor="manage.py"))
    if count is None:
        print("Purging failed; see the log above. No text was removed.", file=sys.stderr)
        return 1
    print(f"Removed the text of {count} answers older than {args.months} months; counts and themes stay.")
    return 0


def cmd_delete_data(config: Config, args) -> int:
    from barnrosten.answering.sessions import find_session
    from barnrosten.storage.retention import delete_session_data, delete_survey_data

    db = open_db(config.db_path)
    if args.session:
        result = find_session(db, args.session)
        if result.session is None:
            print(f"No session with code {args.session!r}.", file=sys.stderr)
            return 2
        count = delete_session_data(db, result.session["id"], actor="manage.py")
    else:
        count = delete_survey_data(db, args.survey, actor="manage.py")
    print(f"Deleted the answers of {count} participants.")
    return 0


def cmd_link_sso(config: Config, args) -> int:
    from barnrosten.access.sso import link_identity

    db = open_db(config.db_path)
    try:
        link_identity(db, args.username, args.email, actor="manage.py")
    except (ValueError, sqlite3.IntegrityError) as exc:
        print(f"Not linked: {exc}.", file=sys.stderr)
        return 2
    print(f"{args.username} can now log in through the identity provider as {args.email}.")
    return 0


def cmd_backup(config: Config, args) -> int:
    path = backup_database(config.db_path, Path(args.path))
    print(f"Backup written: {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="manage.py", description="Barnrösten management commands")
    parser.add_argument("--db", help="database file (default: $BARNROSTEN_DB or data/barnrosten.db)")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("migrate", help="create or migrate the database").set_defaults(run=cmd_migrate)
    commands.add_parser("check-surveys", help="validate every survey file").set_defaults(run=cmd_check_surveys)

    seed = commands.add_parser("seed-demo", help="fill the database with fictional demo data")
    seed.add_argument("--responses", type=int, default=20_000)  # enough for every municipality to show figures
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument("--if-empty", action="store_true", help="only when the database has no answers yet")
    seed.set_defaults(run=cmd_seed_demo)

    session = commands.add_parser("create-session", help="open an answering session and print its join code")
    session.add_argument("--municipality", required=True, help="municipality id, e.g. bjorkdala")
    session.add_argument("--municipality-name")
    session.add_argument("--survey", required=True, help="survey id, e.g. barn-7-12")
    session.add_argument("--label")
    session.add_argument("--code", help="a chosen join code (six characters of the code alphabet)")
    session.add_argument("--days", type=int, default=30, help="days until the code expires")
    session.add_argument("--idle-minutes", type=int, default=10, help="shared tablet returns to start after this")
    session.add_argument("--personal-devices", action="store_true", help="participants answer on their own phones")
    session.add_argument("--language", help="the language the session opens in: sv, en, ar, fa, so, ti or uk (default sv)")
    session.add_argument("--accept-draft", action="store_true",
                         help="open the session in a language whose translation is still a draft (after the warning)")
    session.add_argument("--base-url", default="http://localhost:8501")
    session.add_argument("--qr", help="also write the link as a QR code image (PNG or SVG) to this file")
    session.set_defaults(run=cmd_create_session)

    annotate = commands.add_parser("annotate", help="annotate free-text answers not yet annotated by this pipeline version")
    annotate.add_argument("--redo", action="store_true", help="drop this version's cached annotations and redo them all")
    annotate.set_defaults(run=cmd_annotate)

    work = commands.add_parser("worker", help="run background work (annotation, network summary, retention) "
                                              "from the queue; start one beside several app processes")
    work.add_argument("--once", action="store_true", help="run what is due now, then stop")
    work.add_argument("--poll", type=float, default=5.0, help="seconds between looks at the queue when idle")
    work.set_defaults(run=cmd_worker)

    user = commands.add_parser("create-user", help="create a staff account (the first admin too); asks for the password")
    user.add_argument("username")
    user.add_argument("--role", action="append", required=True,
                      help="admin, network_viewer, analyst:MUNICIPALITY or facilitator:MUNICIPALITY (repeatable)")
    user.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    user.add_argument("--sso-email", help="log in through the identity provider as this address (no password)")
    user.set_defaults(run=cmd_create_user)

    link = commands.add_parser("link-sso", help="let an existing account log in through the identity provider")
    link.add_argument("username")
    link.add_argument("email")
    link.set_defaults(run=cmd_link_sso)

    purge = commands.add_parser("purge-free-text", help="remove free text older than the retention time")
    purge.add_argument("--months", type=int, default=24)
    purge.set_defaults(run=cmd_purge_free_text)

    delete = commands.add_parser("delete-data", help="delete every answer of one session or one survey")
    target = delete.add_mutually_exclusive_group(required=True)
    target.add_argument("--session", help="join code of the session")
    target.add_argument("--survey", help="survey id")
    delete.set_defaults(run=cmd_delete_data)

    backup = commands.add_parser("backup", help="consistent copy of the database, safe while the app runs")
    backup.add_argument("path")
    backup.set_defaults(run=cmd_backup)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging()
    config = Config.from_env()
    if args.db:
        config = replace(config, db_path=Path(args.db))
    return args.run(config, args)


if __name__ == "__main__":
    sys.exit(main())
