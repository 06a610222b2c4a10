"""Read-aloud recordings on a real SQLite file: checked uploads, replacement, access, audit, the screen's query."""

from __future__ import annotations

import json

import pytest

from barnrosten.access import audit
from barnrosten.access.roles import Principal
from barnrosten.answering import recordings
from barnrosten.answering.recordings import RecordingRejected
from barnrosten.answering.survey_store import sync_survey
from tests.audio_files import wav_bytes

ADMIN = Principal(1, "anna", frozenset({("admin", None)}))
NOT_ADMINS = [
    None,
    Principal(2, "bo", frozenset({("analyst", "bjorkdala")})),
    Principal(3, "fia", frozenset({("facilitator", "bjorkdala")})),
    Principal(4, "nils", frozenset({("network_viewer", None)})),
]
FIRST = "question:lyssnad"


def test_a_recording_is_stored_found_by_the_screen_and_played_back(db, version_ids):
    version = version_ids["barn-7-12"]
    sound = wav_bytes(0.5)
    recording_id = recordings.save(db, ADMIN, version, FIRST, "so", sound)
    assert recordings.available(db, version, "so") == {FIRST: {"id": recording_id, "mime_type": "audio/wav"}}
    assert recordings.available(db, version, "sv") == {}
    assert recordings.available(db, version_ids["unga-13-20"], "so") == {}
    assert recordings.audio(db, recording_id) == ("audio/wav", sound)


def test_a_new_recording_replaces_the_old_under_a_new_id(db, version_ids):
    version = version_ids["barn-7-12"]
    first = recordings.save(db, ADMIN, version, "help", "ti", wav_bytes(0.5))
    louder = wav_bytes(0.5, frequency=660)
    second = recordings.save(db, ADMIN, version, "help", "ti", louder)
    assert second != first
    assert recordings.audio(db, first) is None  # a cached id never plays the wrong sound
    assert recordings.audio(db, second) == ("audio/wav", louder)
    assert [(r["language"], r["item"]) for r in recordings.listing(db, ADMIN, version)] == [("ti", "help")]


def test_saving_and_deleting_are_in_the_audit_log_without_the_sound(db, version_ids):
    version = version_ids["barn-7-12"]
    sound = wav_bytes(0.25)
    recordings.save(db, ADMIN, version, FIRST, "so", sound)
    assert recordings.delete(db, ADMIN, version, FIRST, "so") is True
    assert recordings.delete(db, ADMIN, version, FIRST, "so") is False  # nothing left: no second entry
    entries = [e for e in audit.entries(db, ADMIN) if e["action"].startswith("recording")]
    assert [(e["actor"], e["action"], e["target"]) for e in entries] == [
        ("anna", "recording_deleted", "barn-7-12 v1"), ("anna", "recording_saved", "barn-7-12 v1")]
    assert json.loads(entries[1]["details"]) == {"item": FIRST, "language": "so", "mime_type": "audio/wav",
                                                 "size": len(sound)}
    assert recordings.available(db, version, "so") == {}
    shown = audit.readable(entries[1], "sv")
    assert shown["action"] == "Inläsning sparad"
    assert shown["details"] == f"Del: {FIRST} · Språk: so · Filtyp: audio/wav · Storlek (byte): {len(sound)}"


@pytest.mark.parametrize("principal", NOT_ADMINS, ids=["nobody", "analyst", "facilitator", "network_viewer"])
def test_only_admins_record(db, version_ids, principal):
    version = version_ids["barn-7-12"]
    recordings.save(db, ADMIN, version, FIRST, "so", wav_bytes(0.25))
    with pytest.raises(PermissionError):
        recordings.save(db, principal, version, FIRST, "so", wav_bytes(0.25, frequency=300))
    with pytest.raises(PermissionError):
        recordings.delete(db, principal, version, FIRST, "so")
    with pytest.raises(PermissionError):
        recordings.listing(db, principal, version)
    with pytest.raises(PermissionError):
        recordings.copy_unchanged(db, principal, version, version)
    assert [r["recorded_by"] for r in recordings.listing(db, ADMIN, version)] == ["anna"]
    assert recordings.audio(db, recordings.available(db, version, "so")[FIRST]["id"])[1] == wav_bytes(0.25)


def test_too_large_empty_and_foreign_files_are_refused(db, version_ids):
    version = version_ids["barn-7-12"]
    cases = {
        "too_large": wav_bytes(recordings.MAX_BYTES / 32000 + 1),  # 16 kHz, 16 bit: 32,000 bytes a second
        "empty": b"",
        "unknown_type": b"\x89PNG\r\n\x1a\n" + bytes(200),
    }
    for reason, data in cases.items():
        with pytest.raises(RecordingRejected) as refused:
            recordings.save(db, ADMIN, version, FIRST, "so", data)
        assert refused.value.reason == reason
    with pytest.raises(RecordingRejected):  # markup named .wav is still markup
        recordings.save(db, ADMIN, version, FIRST, "so", b"<script>alert(1)</script>" * 10)
    assert recordings.listing(db, ADMIN, version) == []
    assert not [e for e in audit.entries(db, ADMIN) if e["action"] == "recording_saved"]
    just_under = wav_bytes(recordings.MAX_BYTES / 32000 - 1)
    assert len(just_under) <= recordings.MAX_BYTES
    recordings.save(db, ADMIN, version, FIRST, "so", just_under)


@pytest.mark.parametrize("head, mime_type", [
    (b"RIFF\x24\x00\x00\x00WAVEfmt ", "audio/wav"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio/mpeg"),
    (b"\xff\xfb\x90\x64\x00", "audio/mpeg"),
    (b"\xff\xf1\x50\x80\x00", "audio/aac"),
    (b"OggS\x00\x02\x00\x00", "audio/ogg"),
    (b"\x00\x00\x00\x20ftypM4A \x00\x00", "audio/mp4"),
    (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81", "audio/webm"),
    (b"fLaC\x00\x00\x00\x22", "audio/flac"),
    (b"%PDF-1.7\n", None),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", None),
    (b"PK\x03\x04", None),
])
def test_the_format_is_told_by_its_bytes(head, mime_type):
    assert recordings.sniff_type(head + bytes(100)) == mime_type


def test_only_items_and_languages_of_the_survey(db, version_ids):
    version = version_ids["vardnadshavare"]
    assert "answered_with" not in recordings.items(db_survey(db, version))  # guardians are not asked
    with pytest.raises(ValueError):
        recordings.save(db, ADMIN, version, "answered_with", "sv", wav_bytes(0.25))
    with pytest.raises(ValueError):
        recordings.save(db, ADMIN, version, "question:no-such-question", "sv", wav_bytes(0.25))
    with pytest.raises(ValueError):
        recordings.save(db, ADMIN, version, "help", "xx", wav_bytes(0.25))
    children = recordings.items(db_survey(db, version_ids["barn-7-12"]))
    assert children[:3] == ["welcome", "help", FIRST] and children[-3:] == ["answered_with", "safety", "finish"]


def db_survey(db, version):
    from barnrosten.answering.survey_store import survey_for_version

    return survey_for_version(db, version)


def test_the_answering_screen_reads_the_index(db, version_ids):
    plan = db.execute("EXPLAIN QUERY PLAN SELECT item, id, mime_type FROM recordings "
                      "WHERE survey_version_id = ? AND language = ?", [1, "so"]).fetchall()
    assert "USING INDEX" in " ".join(row[-1] for row in plan)


def test_unchanged_texts_keep_their_recordings_in_a_new_version(db, version_ids, children_survey):
    old = version_ids["barn-7-12"]
    for item in ("welcome", "help", FIRST, "question:forstar"):
        recordings.save(db, ADMIN, old, item, "sv", wav_bytes(0.25))
    recordings.save(db, ADMIN, old, "question:forstar", "so", wav_bytes(0.25))
    changed = children_survey.model_copy(deep=True)
    changed.question("forstar").text["sv"] = "Förstår du vad som händer nu?"
    new = sync_survey(db, changed)
    assert new != old
    recordings.save(db, ADMIN, new, "help", "sv", wav_bytes(0.25, frequency=500))  # already made: kept
    kept = recordings.available(db, new, "sv")["help"]["id"]
    assert recordings.copy_unchanged(db, ADMIN, old, new) == 3
    assert sorted(recordings.available(db, new, "sv")) == ["help", FIRST, "welcome"]
    assert recordings.available(db, new, "sv")["help"]["id"] == kept
    assert sorted(recordings.available(db, new, "so")) == ["question:forstar"]  # its Somali text did not change
    assert [e["details"] for e in audit.entries(db, ADMIN) if e["action"] == "recordings_copied"] == [
        json.dumps({"from_version": "barn-7-12 v1", "count": 3})]
    with pytest.raises(ValueError):
        recordings.copy_unchanged(db, ADMIN, old, version_ids["unga-13-20"])
