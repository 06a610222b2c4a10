"""Storage: the SQLite database, its migrations, backups and retention."""
