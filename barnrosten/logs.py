"""Standard `logging` for the app and the commands: one line per record on standard error.

Modules log through `logging.getLogger(__name__)`; nothing prints. The level is
`BARNROSTEN_LOG_LEVEL` (default INFO). A handler already set up (by a test
runner or a host that configures logging itself) is left as it is.
"""

from __future__ import annotations

import logging
import os

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(environ: dict | None = None) -> None:
    env = os.environ if environ is None else environ
    level = env.get("BARNROSTEN_LOG_LEVEL", "INFO").upper()
    if not logging.getLogger().handlers:
        logging.basicConfig(format=FORMAT)
    for name in ("barnrosten", "analysis", "surveys"):
        logging.getLogger(name).setLevel(level)
