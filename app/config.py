"""Settings from the environment, with embedded defaults that need no server."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("KEHOACH_INSTANCE", ROOT / "instance"))


@dataclass(frozen=True)
class Settings:
    """What the service needs to know about its surroundings."""

    database_url: str = field(
        default_factory=lambda: os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'kehoach.sqlite3'}")
    )
    redis_url: str | None = field(default_factory=lambda: os.environ.get("REDIS_URL") or None)
    # Days an API token stays valid after it was made (kehoach token, the "Mã API" page).
    api_token_days: int = field(default_factory=lambda: int(os.environ.get("KEHOACH_API_TOKEN_DAYS") or 90))
    templates_dir: Path = ROOT / "templates" / "docx"
    samples_dir: Path = ROOT / "samples"
    instance_dir: Path = INSTANCE


def settings() -> Settings:
    return Settings()
