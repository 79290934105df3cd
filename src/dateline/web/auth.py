"""Who may write: uploads need the bearer token the operator set (DATELINE_API_TOKEN); with none set, the server
is read-only. Reading needs nothing: the server listens on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .errors import ApiError

bearer = HTTPBearer(auto_error=False, description="The token the server's operator set in DATELINE_API_TOKEN.")


def require_writer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    token: str = request.app.state.settings.api_token
    if not token:
        raise ApiError(
            403, "this server is read-only: its operator has set no DATELINE_API_TOKEN, so it takes no uploads"
        )
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        raise ApiError(401, "Authorization: uploads need the header 'Authorization: Bearer <token>'", challenge)
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise ApiError(401, "Authorization: wrong token", challenge)
