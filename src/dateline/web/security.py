"""What every exchange with the server passes through: response headers that keep a browser from running anything
but the app's own scripts, and a cap on how many bytes a request body may bring."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError, error_body

# The app's scripts are modules under /static; nothing inline, nothing from elsewhere, so text that slips into the
# page as markup still cannot run. Styles may be inline: the chart library positions its tooltips with them.
APP_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Adds the Content-Security-Policy, nosniff (a JSON answer is never read as a script) and no framing (the app
    cannot be laid under another site's page to trick clicks) to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = APP_POLICY
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "no-referrer"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with a 413 naming the limit: at once when Content-Length says so,
    else as soon as a streamed body passes it, so a client cannot fill the server's disk or memory."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await JSONResponse(error_body(self.message(f"{int(declared)} bytes")), status_code=413)(
                scope, receive, send
            )
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:  # raised inside the handler's read: the app answers it as JSON
                    raise ApiError(413, self.message(f"more than {self.limit} bytes"))
            return message

        await self.app(scope, counted, send)

    def message(self, size: str) -> str:
        return (
            f"request body: {size} is over the server's limit of {self.limit} bytes ({self.limit / 2**20:g} MiB); "
            "send fewer or smaller files per request, or raise DATELINE_MAX_UPLOAD_BYTES"
        )
