"""Domain exceptions; the edges translate them into exit codes and HTTP statuses."""

from __future__ import annotations


class KehoachError(Exception):
    """Base of every error the product reports to a user rather than crashing on."""


class InvalidPlanError(KehoachError):
    """A plan breaks a rule of the model; ``errors`` maps field paths to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        lines = [f"{path}: {'; '.join(msgs)}" for path, msgs in errors.items()]
        super().__init__("\n".join(lines))


class QuotaError(KehoachError):
    """A quota cannot be split as asked (no weights, negative figures, ...)."""
