"""One hierarchy of typed errors.

Each class knows the CLI exit code and the HTTP status it maps to, so the CLI, the service and
the batch engines report the same failure the same way. Messages are one line and name the bad
value; nothing here echoes arbitrary exception text.
"""

from __future__ import annotations


class PrecisError(Exception):
    """Base class of every error precis raises on purpose."""

    exit_code: int = 1
    http_status: int = 500
    code: str = "precis_error"

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # always one line

    @property
    def message(self) -> str:
        return str(self)

    def to_dict(self) -> dict[str, str]:
        """JSON body for HTTP errors and batch error records."""
        return {"type": type(self).__name__, "code": self.code, "message": self.message}


class InputError(PrecisError):
    """The input cannot be turned into a document (the caller's problem, not a bug)."""

    exit_code = 2
    http_status = 400
    code = "bad_input"


class SourceNotFoundError(InputError):
    code = "not_found"


class EmptyInputError(InputError):
    code = "empty_input"


class BinaryInputError(InputError):
    code = "binary_input"
    http_status = 415


class UnsupportedFormatError(InputError):
    code = "unsupported_format"
    http_status = 415


class DecodeError(InputError):
    code = "undecodable_text"


class PdfError(InputError):
    """Base of PDF failures."""

    code = "pdf_error"
    http_status = 422


class CorruptPdfError(PdfError):
    code = "corrupt_pdf"


class EncryptedPdfError(PdfError):
    code = "encrypted_pdf"


class OcrRequiredError(PdfError):
    code = "ocr_required"


class FetchError(InputError):
    """A URL could not be fetched."""

    code = "fetch_failed"
    http_status = 502


class UrlRefusedError(FetchError):
    """The URL's scheme or resolved address is not allowed (SSRF guard)."""

    code = "url_refused"
    http_status = 403


class FetchTimeoutError(FetchError):
    code = "fetch_timeout"
    http_status = 504


class TooLargeError(InputError):
    """An input exceeds a configured size limit."""

    code = "too_large"
    http_status = 413


class LimitExceededError(InputError):
    """A configured processing limit (pages, sentences, time) was reached."""

    code = "limit_exceeded"
    http_status = 413


class OptionError(InputError):
    """An option has an invalid value."""

    code = "bad_option"
    http_status = 422


class MissingDependencyError(PrecisError):
    """An optional package is needed; the message names the extra that installs it."""

    exit_code = 3
    http_status = 501
    code = "missing_dependency"

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed; install it with: pip install 'precis[{extra}]'")


class InvariantError(PrecisError):
    """A document broke one of its own invariants: a bug in precis, never the input's fault."""

    exit_code = 70
    http_status = 500
    code = "internal_invariant"
