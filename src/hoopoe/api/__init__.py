"""hoopoe's HTTP API and dashboard server (FastAPI): ``create_app(db)``; ``hoopoe serve`` runs it."""

from hoopoe.api.app import create_app

__all__ = ["create_app"]
