"""The two small HTTP endpoints of the staff session cookie, served beside Streamlit by `serve.py`.

- `POST {base}/api/staff-session` with a one-time ticket as the body: sets the HttpOnly cookie holding
  that ticket's session token (`barnrosten/ui/session_cookie.py` explains the trade).
- `POST {base}/api/staff-session/end`: clears the cookie once its session has ended (after logout).

Both refuse requests from another site (Origin and Sec-Fetch-Site), and neither ever puts a token in
a URL or a log line.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from barnrosten.access import accounts
from barnrosten.config import Config
from barnrosten.storage.db import connection
from barnrosten.ui.session_cookie import COOKIE, ENDPOINT

MAX_BODY = 200


def _same_site(request: Request) -> bool:
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


def _secure(request: Request) -> bool:
    # Behind a reverse proxy with TLS (docs/deployment.md), uvicorn takes the scheme from X-Forwarded-Proto.
    return request.url.scheme == "https"


def _cookie_path(base: str) -> str:
    return base or "/"


def routes(base: str = "", config: Config | None = None) -> list[Route]:
    """The endpoints under `base` (the app's `server.baseUrlPath`, '' or '/barnrosten')."""

    def settings() -> Config:
        return config or Config.from_env()

    async def hand_over(request: Request) -> Response:
        if not _same_site(request):
            return Response(status_code=403)
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            return Response(status_code=413)
        ticket = b""
        async for chunk in request.stream():  # read no more than a ticket's worth, whatever is sent
            ticket += chunk
            if len(ticket) > MAX_BODY:
                return Response(status_code=413)
        ticket = ticket.decode("ascii", "replace").strip()
        with connection(settings().db_path) as db:
            token = accounts.redeem_handoff(db, ticket)
        if token is None:
            return Response(status_code=403)
        reply = Response(status_code=204, headers={"Cache-Control": "no-store"})
        # No Max-Age: the cookie ends with the browser session; the server ends the session itself
        # after the idle time or the longest lifetime, whichever comes first.
        reply.set_cookie(COOKIE, token, path=_cookie_path(base), httponly=True, samesite="strict",
                         secure=_secure(request))
        return reply

    async def end(request: Request) -> Response:
        if not _same_site(request):
            return Response(status_code=403)
        reply = Response(status_code=204, headers={"Cache-Control": "no-store"})
        with connection(settings().db_path) as db:
            if accounts.session_exists(db, request.cookies.get(COOKIE)):
                return reply  # a tab with an old session asked, but the browser has logged in again since: keep it
        reply.delete_cookie(COOKIE, path=_cookie_path(base), httponly=True, samesite="strict",
                            secure=_secure(request))
        return reply

    return [Route(f"{base}/{ENDPOINT}", hand_over, methods=["POST"]),
            Route(f"{base}/{ENDPOINT}/end", end, methods=["POST"])]
