"""The REST API and the web app over one corpus, served by `dateline serve`."""

from .app import create_app

__all__ = ["create_app"]
