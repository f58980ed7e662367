"""The error catalogue: every error a user can see names the bad value and what would be valid.

Library code raises these; the CLI turns them into one line and a non-zero exit, the API into its one
JSON error shape, and batch runs into a counted skip with the ``reason`` code.
"""

from __future__ import annotations


class HoopoeError(Exception):
    """Base class. ``reason`` is a short stable code used for skip counts and API errors."""

    reason = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason:
            self.reason = reason


class InputError(HoopoeError):
    """An article or file that cannot be read as news text."""

    reason = "bad-input"


class EmptyInput(InputError):
    reason = "empty"


class BinaryInput(InputError):
    reason = "binary"


class EncodingError(InputError):
    reason = "encoding"


class NoTextError(InputError):
    reason = "no-text"


class BadRecord(InputError):
    """A JSONL line or feed entry that is not a usable article."""

    reason = "bad-record"


class MissingFile(InputError):
    reason = "missing-file"


class TooLarge(InputError):
    reason = "too-large"


class BadDate(HoopoeError):
    reason = "bad-date"


class ConfigError(HoopoeError):
    reason = "config"


class ResourceError(HoopoeError):
    """A shipped or user-provided resource (knowledge base, lexicon, gazetteer, model) is broken or absent."""

    reason = "resource"


class StoreError(HoopoeError):
    reason = "store"
