"""Read-aloud recordings: a short audio file per survey version, language and item.

Browser voices rarely exist for Somali or Tigrinya, so staff record (or upload)
each question and help text. The answering screen's read-aloud button plays the
recording; without one it falls back to the browser's voice for the language,
and without either it is not shown (`barnrosten/ui/answering/read_aloud.py`).

    >>> save(db, admin, version_id, "question:lyssnad", "so", wav_bytes)   # checked, replaces, audited
    >>> available(db, version_id, "so")                                      # the answering screen's one query
    {'question:lyssnad': {'id': 7, 'mime_type': 'audio/wav'}}

Items: `welcome` (the start screen), `help` (where to get help), `question:<id>`
for each question, `answered_with` (the optional last question), `safety` (the
help shown after a worrying answer) and `finish`. Staff functions call
`require` themselves: recording is an admin task (survey files are shared by
every municipality, so nobody else owns them).
"""

from __future__ import annotations

import hashlib

import sqlite_utils

from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.answering.survey_store import survey_for_version
from barnrosten.languages import LANGUAGES
from barnrosten.storage.db import to_iso, utc_now, write_transaction
from surveys.schema import Survey

# A question read aloud takes seconds: 3 MB holds about 90 s of what st.audio_input records (16 kHz WAV).
MAX_BYTES = 3 * 1024 * 1024
MIN_BYTES = 64  # less than this is no sound, whatever its header says

# Formats every current browser on a tablet or phone plays, by MIME type.
FORMAT_NAMES = {
    "audio/wav": "WAV", "audio/mpeg": "MP3", "audio/mp4": "M4A", "audio/aac": "AAC", "audio/ogg": "OGG",
    "audio/webm": "WebM", "audio/flac": "FLAC",
}

GENERIC_ITEMS_BEFORE = ("welcome", "help")
GENERIC_ITEMS_AFTER = ("safety", "finish")
QUESTION_PREFIX = "question:"


class RecordingRejected(ValueError):
    """An upload that cannot be stored; `reason` is "empty", "too_large" or "unknown_type"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def sniff_type(data: bytes) -> str | None:
    """The audio format by its first bytes (never by the file name), or None when it is none we play."""
    head = data[:16]
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[:4] == b"OggS":
        return "audio/ogg"
    if head[:4] == b"fLaC":
        return "audio/flac"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "audio/webm"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    if head[:3] == b"ID3":
        return "audio/mpeg"
    if len(head) >= 2 and head[0] == 0xFF:
        if head[1] & 0xF6 == 0xF0:  # ADTS: sync, layer 00
            return "audio/aac"
        if head[1] & 0xE0 == 0xE0 and head[1] & 0x06:  # MPEG audio frame, layer I-III
            return "audio/mpeg"
    return None


def check_audio(data: bytes) -> str:
    """The MIME type of an upload that may be stored; RecordingRejected otherwise."""
    if len(data) < MIN_BYTES:
        raise RecordingRejected("empty")
    if len(data) > MAX_BYTES:
        raise RecordingRejected("too_large")
    mime_type = sniff_type(data)
    if mime_type is None:
        raise RecordingRejected("unknown_type")
    return mime_type


def items(survey: Survey) -> list[str]:
    """Every item of `survey` that can have a recording, in the order a participant meets them."""
    questions = [f"{QUESTION_PREFIX}{q.id}" for q in survey.questions]
    last = ["answered_with"] if survey.asks_answered_with else []
    return [*GENERIC_ITEMS_BEFORE, *questions, *last, *GENERIC_ITEMS_AFTER]


def question_item(question_id: str) -> str:
    return f"{QUESTION_PREFIX}{question_id}"


def _target(db: sqlite_utils.Database, version_id: int) -> str:
    row = db.execute("SELECT survey_id, version FROM survey_versions WHERE id = ?", [version_id]).fetchone()
    if row is None:
        raise KeyError(f"no survey version {version_id}")
    return f"{row[0]} v{row[1]}"


def _check_place(db: sqlite_utils.Database, version_id: int, item: str, language: str) -> str:
    target = _target(db, version_id)
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if item not in items(survey_for_version(db, version_id)):
        raise ValueError(f"{target} has no item {item!r}")
    return target


def save(db: sqlite_utils.Database, principal: Principal | None, version_id: int, item: str, language: str,
         data: bytes) -> int:
    """Store `data` as the recording of `item` in `language` for one survey version, replacing any before.

    Admins only. Checked by size and by its bytes (RecordingRejected); the audit log records who, what
    and how big, never the sound. Returns the new recording's id.
    """
    principal = require(principal, "admin")
    target = _check_place(db, version_id, item, language)
    mime_type = check_audio(data)
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM recordings WHERE survey_version_id = ? AND language = ? AND item = ?",
                     (version_id, language, item))
        cursor = conn.execute(
            "INSERT INTO recordings (survey_version_id, language, item, mime_type, size, sha256, audio, recorded_by, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (version_id, language, item, mime_type, len(data), hashlib.sha256(data).hexdigest(), data,
             principal.username, to_iso(utc_now())),
        )
        audit.record(db, principal.username, "recording_saved", target, item=item, language=language,
                     mime_type=mime_type, size=len(data))
    return cursor.lastrowid


def delete(db: sqlite_utils.Database, principal: Principal | None, version_id: int, item: str,
           language: str) -> bool:
    """Remove a recording (admins only, audited); False when there was none."""
    principal = require(principal, "admin")
    target = _target(db, version_id)
    with write_transaction(db) as conn:
        removed = conn.execute("DELETE FROM recordings WHERE survey_version_id = ? AND language = ? AND item = ?",
                               (version_id, language, item)).rowcount
        if removed:
            audit.record(db, principal.username, "recording_deleted", target, item=item, language=language)
    return bool(removed)


def listing(db: sqlite_utils.Database, principal: Principal | None, version_id: int) -> list[dict]:
    """The recordings of one survey version, every language, without their sound. Admins only."""
    require(principal, "admin")
    return list(db.query(
        "SELECT id, language, item, mime_type, size, recorded_by, created_at FROM recordings "
        "WHERE survey_version_id = ? ORDER BY language, item", [version_id]))


def survey_versions(db: sqlite_utils.Database, principal: Principal | None) -> list[dict]:
    """Every stored survey version (newest first per survey) with its recording count. Admins only."""
    require(principal, "admin")
    return list(db.query(
        "SELECT v.id, v.survey_id, v.version, v.created_at, s.title, "
        "(SELECT COUNT(*) FROM recordings r WHERE r.survey_version_id = v.id) AS recordings "
        "FROM survey_versions v JOIN surveys s ON s.id = v.survey_id ORDER BY s.title, v.version DESC"))


def copy_unchanged(db: sqlite_utils.Database, principal: Principal | None, from_version_id: int,
                   to_version_id: int) -> int:
    """Copy recordings from an earlier version of the same survey where the recorded text is unchanged.

    A recording whose item is missing in the new version, or whose survey text (question and hint; title
    and intro for the start screen) differs in that language, stays behind. Existing recordings of the
    new version are kept. Admins only; one audit entry with the count. Returns how many were copied.
    """
    principal = require(principal, "admin")
    old, new = survey_for_version(db, from_version_id), survey_for_version(db, to_version_id)
    if old.id != new.id:
        raise ValueError("recordings are copied between versions of one survey only")
    new_items = set(items(new))
    have = {(r[0], r[1]) for r in db.execute(
        "SELECT language, item FROM recordings WHERE survey_version_id = ?", [to_version_id])}
    copied = 0
    with write_transaction(db) as conn:
        rows = conn.execute("SELECT id, language, item FROM recordings WHERE survey_version_id = ?",
                            (from_version_id,)).fetchall()
        for recording_id, language, item in rows:
            if item not in new_items or (language, item) in have:
                continue
            if old.respondent_group != new.respondent_group:
                continue  # help texts and the finish screen are worded by respondent group
            if survey_text(old, item, language) != survey_text(new, item, language):
                continue
            conn.execute(
                "INSERT INTO recordings (survey_version_id, language, item, mime_type, size, sha256, audio, "
                "recorded_by, created_at) SELECT ?, language, item, mime_type, size, sha256, audio, recorded_by, "
                "created_at FROM recordings WHERE id = ?", (to_version_id, recording_id))
            copied += 1
        if copied:
            audit.record(db, principal.username, "recordings_copied", _target(db, to_version_id),
                         from_version=_target(db, from_version_id), count=copied)
    return copied


def survey_text(survey: Survey, item: str, language: str) -> tuple:
    """The survey file's own text behind an item in `language` (the UI's fixed texts are not in it)."""
    if item.startswith(QUESTION_PREFIX):
        question = survey.question(item[len(QUESTION_PREFIX):])
        return (question.text.get(language), (question.hint or {}).get(language))
    if item == "welcome":
        return (survey.title.get(language), (survey.intro or {}).get(language))
    return ()


# ---- the answering side: no principal (participants are anonymous), read only ----


def available(db: sqlite_utils.Database, version_id: int, language: str) -> dict[str, dict]:
    """item -> {id, mime_type} for every recording of this version in `language`: one indexed query."""
    return {row[0]: {"id": row[1], "mime_type": row[2]} for row in db.execute(
        "SELECT item, id, mime_type FROM recordings WHERE survey_version_id = ? AND language = ?",
        [version_id, language])}


def audio(db: sqlite_utils.Database, recording_id: int) -> tuple[str, bytes] | None:
    """(MIME type, sound) of one recording, or None when it has been replaced or removed."""
    row = db.execute("SELECT mime_type, audio FROM recordings WHERE id = ?", [recording_id]).fetchone()
    return (row[0], bytes(row[1])) if row else None
