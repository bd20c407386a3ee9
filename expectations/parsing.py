"""Propose numbered clauses from a protocol's plain text (pasted, or extracted from a PDF or Word file).

The proposal is only a starting point: the clerk checks and corrects every row
before anything is saved. The rules follow how real protocols are written:

* ``1.``, ``2.`` followed by a title start a section (no clause of their own);
* ``1.1``, ``5.14``, ``2.12.6`` (optionally ``1.1.``) start a numbered clause; a
  short numbered line without closing punctuation is a heading whose number goes
  to the paragraph under it (CD 2.2 "Councillors");
* ``(a)``, ``a.`` and ``a)`` items are numbered under their parent: ``3.1(d)``;
* unnumbered bullets under a clause are lettered in order: ``2.1(a)``, ``2.1(b)``;
* a further unnumbered paragraph of a clause is ``<clause>-p2``, ``-p3``; one
  before the first clause of a section is ``<section>-Intro``;
* lines wrapped by PDF extraction (even across a blank line) are joined back
  unless the previous line ended a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CLAUSE_RE = re.compile(r"^(?P<number>\d+(?:\.\d+)+)\.?(?:\s+(?P<rest>.*))?$")
SECTION_RE = re.compile(r"^(?P<number>\d+)\.?\s+(?P<rest>\S.*)$")
LETTER_RE = re.compile(r"^(?:\((?P<p>[a-z]{1,3})\)|(?P<d>[a-z])[.)])\s+(?P<rest>.*)$")
BULLET_RE = re.compile(r"^(?:[-*\u2022\u25aa\u25cf\uf0b7\u2013o])\s+(?P<rest>.*)$")
SENTENCE_END = tuple(".:;?!)\"'\u201d\u2019")
HEADING_MAX_WORDS = 12


@dataclass
class ProposedClause:
    number: str
    section: str
    text: str
    lines: list[str] = field(default_factory=list, repr=False)

    def as_initial(self) -> dict[str, str]:
        return {"number": self.number, "section": self.section, "text": self.text}


def normalise_markup(text: str) -> str:
    """Drop the markup that copying from Word or Markdown leaves behind; keep the words."""
    text = re.sub(r"~~.*?~~", "", text, flags=re.S)  # struck-out tracked changes are not adopted text
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("**", "").replace("\r\n", "\n").replace("\r", "\n")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _letter(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < len(letters) else letters[index // 26 - 1] + letters[index % 26]


def _is_heading_text(text: str) -> bool:
    if text.isupper() and len(text) > 3:
        return True  # "OFFICER RELATIONSHIPS WITH CHAIRS ..." is a heading whatever its length
    return bool(text) and not text.endswith(SENTENCE_END) and len(text.split()) <= HEADING_MAX_WORDS


class _Parser:
    def __init__(self) -> None:
        self.clauses: list[ProposedClause] = []
        self.section = ""
        self.section_number = ""
        self.clause_number = ""  # the numbered clause that items and paragraphs hang from
        self.pending_number = ""  # a numbered heading waiting for its paragraph
        self.paragraphs: dict[str, int] = {}
        self.bullets: dict[str, int] = {}
        self.current: ProposedClause | None = None
        self.blank_before = False
        self.indented = False
        self.next_line = ""
        self.heading_key = ""
        self.current_is_bullet = False
        self.last_paragraph = ""

    def start(self, number: str, text: str) -> None:
        self.current_is_bullet = False
        self.current = ProposedClause(number=number, section=self.section, text="", lines=[text] if text else [])
        self.clauses.append(self.current)

    def continues(self, line: str) -> bool:
        """Whether an unnumbered line carries on the current clause (a wrapped line)."""
        if self.current is None or not self.current.lines:
            return False
        joined = " ".join(self.current.lines).rstrip()
        if not self.blank_before:
            return True
        if self.current_is_bullet:
            return line[:1].islower()  # a bullet is one line; after a gap, a capital starts anew
        if "(" in self.current.number and not self.indented and not self.current.number.endswith(")-p"):
            return True  # hanging text of a lettered item sits flush left; a new paragraph is indented
        return not joined.endswith(SENTENCE_END) or line[:1].islower()

    def unnumbered_paragraph(self, text: str) -> None:
        if self.pending_number:
            number, self.pending_number = self.pending_number, ""
            self.clause_number = number
        elif self.clause_number:
            count = self.paragraphs.get(self.clause_number, 1) + 1
            self.paragraphs[self.clause_number] = count
            number = f"{self.clause_number}-p{count}"
        elif self.section_number:
            base = f"{self.section_number}-Intro"
            count = self.paragraphs.get(base, 0) + 1
            self.paragraphs[base] = count
            number = base if count == 1 else f"{base}-{count}"
        else:  # a document without numbers: number paragraphs by their heading's first word
            base = self.heading_key or "Intro"
            count = self.paragraphs.get(base, 0) + 1
            self.paragraphs[base] = count
            number = f"{base}-{count}"
        self.last_paragraph = number
        self.start(number, text)

    def feed(self, raw: str, next_line: str) -> None:
        line = _collapse(raw)
        if not line:
            self.blank_before = True
            return
        self.indented = raw[:1].isspace()
        self.next_line = next_line
        bullet = BULLET_RE.match(line)
        is_bullet = bool(bullet) and not CLAUSE_RE.match(line)
        if bullet:
            line = bullet.group("rest").strip()
        self.handle(line, is_bullet=is_bullet)
        self.blank_before = False

    def handle(self, line: str, *, is_bullet: bool) -> None:
        clause = CLAUSE_RE.match(line)
        if clause:
            number, rest = clause.group("number"), (clause.group("rest") or "").strip()
            self.pending_number = ""
            self.clause_number = number
            # A heading is short and the next line starts afresh; a long first line wraps on.
            if _is_heading_text(rest) and not rest[:1].islower() and not self.next_line[:1].islower():
                self.section = f"{number} {rest}".strip() if rest else self.section
                self.pending_number = number
                self.current = None
                return
            self.start(number, rest)
            return
        section = SECTION_RE.match(line)
        if section and _is_heading_text(section.group("rest")):
            self.section = f"{section.group('number')}. {section.group('rest')}"
            self.section_number = section.group("number")
            self.clause_number = self.pending_number = ""
            self.current = None
            return
        letter = LETTER_RE.match(line)
        if letter and (self.clause_number or self.pending_number):
            parent = self.clause_number or self.pending_number
            self.start(f"{parent}({letter.group('p') or letter.group('d')})", letter.group("rest").strip())
            return
        if is_bullet and (self.clause_number or self.pending_number or self.last_paragraph):
            parent = self.clause_number or self.pending_number or self.last_paragraph
            index = self.bullets.get(parent, 0)
            self.bullets[parent] = index + 1
            self.start(f"{parent}({_letter(index)})", line)
            self.current_is_bullet = True
            return
        if self.continues(line):
            assert self.current is not None
            self.current.lines.append(line)
            return
        if _is_heading_text(line) and not is_bullet and not self.next_line[:1].islower():
            # An unnumbered heading ("Basic Principles", "MUTUAL RESPECT") names what follows.
            self.section = line if not self.section_number else f"{self.section_number}. {line}"
            if not self.section_number:
                self.heading_key = re.sub(r"[^A-Za-z0-9]", "", line.split()[0].title())
                self.last_paragraph = ""
            self.current = None
            return
        self.unnumbered_paragraph(line)


def clauses_propose(text: str) -> list[ProposedClause]:
    """Split a protocol's text into proposed clauses, in document order, with unique numbers."""
    parser = _Parser()
    lines = normalise_markup(text).split("\n")
    following = ""
    next_lines = []
    for raw in reversed(lines):  # the next non-blank line after each line, for heading detection
        next_lines.append(following)
        if raw.strip():
            following = _collapse(raw)
    for raw, next_line in zip(lines, reversed(next_lines), strict=True):
        parser.feed(raw, next_line)
    proposed: list[ProposedClause] = []
    seen: dict[str, int] = {}
    for clause in parser.clauses:
        clause.text = _collapse(" ".join(clause.lines))
        if not clause.text:
            continue
        if clause.number in seen:  # a repeated number (a typo in the source) must still be unique
            seen[clause.number] += 1
            clause.number = f"{clause.number}-{seen[clause.number]}"
        else:
            seen[clause.number] = 1
        proposed.append(clause)
    return proposed
