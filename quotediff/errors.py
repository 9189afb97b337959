"""Errors a user can act on. The CLI prints their message on one line and exits non-zero."""


class QuotediffError(Exception):
    """Base class: the message is shown to the user as is, without a traceback."""


class InputError(QuotediffError):
    """A path, file or option that cannot be used (missing, empty, unreadable, malformed)."""


class ModelError(QuotediffError):
    """The embedding model cannot be loaded."""
