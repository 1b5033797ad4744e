"""One error hierarchy; the CLI, API and UI translate it at the edge."""


class AdvisorError(Exception):
    """A fault the user can understand and act on; `hint` says what to do (Chinese)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def user_message(self) -> str:
        """The message with its hint in brackets, or after it when the message already ends in brackets."""
        if not self.hint:
            return self.message
        hint = self.hint.strip()
        if hint.startswith("（") and hint.endswith("）") and hint.count("（") == 1:  # bracketed once is enough
            hint = hint[1:-1]
        # "不是文本文件（含二进制内容）" followed by "（请确认…）" reads as one bracket after another
        return f"{self.message}。{hint}" if self.message.endswith("）") else f"{self.message}（{hint}）"


class ConfigError(AdvisorError):
    """The settings are wrong: a developer or operator mistake, not a run-time fault."""


class IndexMissingError(AdvisorError):
    """No usable index under the data folder."""


class IndexCorruptError(AdvisorError):
    """The index folder exists but cannot be read."""


class EmbedderMismatchError(AdvisorError):
    """The index was built with another embedder; mixing vectors would be wrong."""


class DocumentError(AdvisorError):
    """One document cannot be loaded (corrupt, encrypted, empty, binary)."""


class ModelError(AdvisorError):
    """The LLM endpoint failed (down, slow, garbage, rate-limited)."""


class InputError(AdvisorError):
    """The user's message or upload is not acceptable as it is."""


class NotFoundError(InputError):
    """The conversation or answer referred to does not exist (never did, or was cleared by the retention period)."""
