"""Consistent copies of the live database (SQLite's online backup API).

    >>> backup_database(Path("data/barnrosten.db"), Path("backups/2026-11-22.db"))

Safe while the app writes: SQLite copies a consistent snapshot page by page.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Pages copied per step; small steps let app writers in between.
PAGES_PER_STEP = 1024


def backup_database(source: Path, destination: Path) -> Path:
    destination = Path(destination)
    if destination.exists():
        raise FileExistsError(f"{destination} exists; choose a new file name")
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source), timeout=30)
    dst = sqlite3.connect(str(destination))
    try:
        src.backup(dst, pages=PAGES_PER_STEP)
        (result,) = dst.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise RuntimeError(f"backup failed its integrity check: {result}")
    finally:
        dst.close()
        src.close()
    return destination
