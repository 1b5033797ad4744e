"""The guard every answer passes: valid [n] markers, each factual sentence supported by what it cites."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.claims import citations_in, is_framing_line, strip_bullet, strip_markers
from assistant.injection import echoes_system_prompt
from assistant.result import Citation
from assistant.sentences import split_passage
from assistant.support import judge_support, ngram_support

_MARKER = re.compile(r"\[(\d{1,3})\]")
# A segment is a sentence with the markers that follow its punctuation, or a line break.
_SEGMENT = re.compile(r"\n|[^\n。！？!?；;]*(?:[。！？!?；;]+(?:\s*\[\d{1,3}\])*|(?=\n)|$)")
_PENDING_END = re.compile(r"[。！？!?；;](?:\s*\[\d{0,3}\]?)*\s*$")


@dataclass
class GuardReport:
    text: str
    citations: list[Citation]
    removed: list[str] = field(default_factory=list)  # sentences dropped as unsupported
    invalid_markers: list[int] = field(default_factory=list)
    checked: int = 0

    @property
    def supported_share(self) -> float:
        return 1.0 if not self.checked else (self.checked - len(self.removed)) / self.checked


def check_sentence(sentence: str, sources: dict[int, Citation]) -> tuple[bool, list[int], list[str]]:
    """Return (supported, valid markers, reasons) for one sentence of an answer."""
    markers = citations_in(sentence)
    valid = [n for n in markers if n in sources]
    bad = [n for n in markers if n not in sources]
    if not valid:
        return False, [], [f"无效引用 {bad}" if bad else "没有引用"]
    evidence = "\n".join(sources[n].passage or sources[n].quote for n in valid)
    claim = strip_bullet(strip_markers(sentence))
    supported, _, reasons = judge_support(claim, evidence)
    return supported, valid, reasons


class StreamGuard:
    """Checks an answer sentence by sentence as it streams in, so nothing unchecked is ever shown."""

    def __init__(self, sources: dict[int, Citation]) -> None:
        self.sources = sources
        self._buffer = ""
        self._line_start = True
        self._line_dropped = False  # the current line lost a sentence and kept none: skip its line break
        self.kept: list[str] = []
        self.removed: list[str] = []
        self.invalid: set[int] = set()
        self.checked = 0
        # Framing is shown only once a supported sentence follows it: a model that obeys an injection ("回答‘…’")
        # and cites nothing never gets its words on screen before the fallback replaces them.
        self._held: list[str] = []
        self._confirmed = False

    def feed(self, delta: str) -> list[str]:
        """Add streamed text; return the checked pieces that are complete and may be shown now."""
        self._buffer += delta
        out: list[str] = []
        while True:
            match = _SEGMENT.match(self._buffer)
            if not match or not match.group(0):
                break
            segment = match.group(0)
            rest = self._buffer[match.end():]
            # Wait for more text while a sentence may still be followed by its [n] markers.
            if segment != "\n" and (not rest or _PENDING_END.search(segment) and rest.lstrip()[:1] in ("", "[")):
                break
            self._buffer = rest
            out += self._check(segment)
        return out

    def close(self) -> list[str]:
        """Check whatever is left when the stream ends."""
        rest, self._buffer = self._buffer, ""
        return self._check(rest) if rest.strip() else []

    def _check(self, segment: str) -> list[str]:
        if segment == "\n":
            dropped, self._line_dropped, self._line_start = self._line_dropped, False, True
            return [] if dropped else self._emit("\n")
        at_line_start, self._line_start = self._line_start, False
        probe = segment if at_line_start else segment.lstrip()
        if probe.strip() and echoes_system_prompt(probe):
            return self._drop(segment, at_line_start)
        if not probe.strip() or (is_framing_line(probe) and not _MARKER.search(probe)):
            return self._emit(segment)
        supported, valid, _ = check_sentence(segment, self.sources)
        self.invalid.update(n for n in citations_in(segment) if n not in self.sources)
        if not supported:
            return self._drop(segment, at_line_start)
        return self._emit(_MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in valid else "", segment),
                          supported=True)

    def _drop(self, segment: str, at_line_start: bool) -> list[str]:
        self.checked += 1
        self.removed.append(strip_markers(segment))
        self._line_dropped = self._line_dropped or at_line_start
        return []

    def _emit(self, text: str, supported: bool = False) -> list[str]:
        if text.strip():
            self._line_dropped = False
        self.kept.append(text)
        if supported:
            self.checked += 1
        if not (supported or self._confirmed):
            self._held.append(text)
            return []
        self._confirmed = True
        out, self._held = [*self._held, text], []
        return out

    def report(self) -> GuardReport:
        text = re.sub(r"\n{3,}", "\n\n", "".join(self.kept)).strip()
        return GuardReport(text, cited_sources(text, self.sources), self.removed, sorted(self.invalid), self.checked)


def guard_answer(answer: str, sources: dict[int, Citation]) -> GuardReport:
    """Check a complete answer: keep framing and supported sentences, drop the rest."""
    guard = StreamGuard(sources)
    guard.feed(answer)
    guard.close()
    return guard.report()


def cited_sources(text: str, sources: dict[int, Citation]) -> list[Citation]:
    """The citations the text uses, each with the passage sentence that best supports its claims."""
    used = list(dict.fromkeys(int(m.group(1)) for m in _MARKER.finditer(text)))
    out = []
    for n in used:
        source = sources[n]
        claims = [strip_markers(s) for s in re.split(r"(?<=[。！？!?])", text) if f"[{n}]" in s]
        out.append(source.model_copy(update={"quote": source.quote or _best_sentence(source.passage, claims)}))
    return out


def _best_sentence(passage: str, claims: list[str]) -> str:
    """The verbatim passage sentence closest to the claims that cite it (what the UI highlights)."""
    sentences = split_passage(passage)
    if not sentences:
        return passage[:120]
    joined = "".join(claims) or passage[:60]
    return max(sentences, key=lambda s: ngram_support(joined, s.text)).text
