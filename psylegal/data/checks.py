"""The rules: check parsed documents and return every problem, never only the first.

Structural checks walk each document against the specs in `psylegal.data.shape`; semantic checks
(sources cited, ids matching file names, parents existing, dates not in the future) follow; the
cross-file checks run over the whole set last.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from psylegal.data.loader import Document, KeyPath, format_path, type_name, with_article
from psylegal.data.problems import Problem, Severity
from psylegal.data.shape import (
    DATE_PATTERN,
    JURISDICTION,
    JURISDICTION_ID_PATTERN,
    NO_CONTROL_PATTERN,
    PLACEHOLDER,
    THERAPY_CATALOG,
    URL_PATTERN,
    Choice,
    Date,
    Flag,
    ListOf,
    MapOf,
    Number,
    Obj,
    Pattern,
    SourceRefs,
    Spec,
    Text,
    Url,
)
from psylegal.law.access import contradiction
from psylegal.law.model import (
    LOCAL_KINDS,
    REVIEW_STALE_AFTER_DAYS,
    SUBDIVISION_KINDS,
    THERAPY_IDS,
    AccessRoute,
    Kind,
    Route,
    RouteState,
    Status,
)
from psylegal.law.names import normalise

_DATE = re.compile(DATE_PATTERN)
_NO_CONTROL = re.compile(NO_CONTROL_PATTERN)
_URL = re.compile(URL_PATTERN)

# Every rule name a problem can carry, for documentation and exhaustiveness tests.
RULES = {
    "yaml-syntax": "the file is not valid YAML",
    "yaml-alias": "anchors and aliases are not allowed",
    "empty-file": "the file has no content",
    "encoding": "the file is not UTF-8",
    "file-read": "the file cannot be read (unreadable, not a regular file, too large, or a link leading out)",
    "file-name": "a data file whose name does not end in .yaml (such as .yml), so it is not read",
    "yaml-depth": "values nested deeper than any data file needs",
    "new-lines": "CR LF (Windows) line endings; data files use LF",
    "key-type": "a key is not plain text",
    "duplicate-key": "a key appears twice in one mapping",
    "unknown-key": "a key the format does not know (often a typo)",
    "missing-key": "a required key is absent",
    "type": "a value has the wrong type (including YAML's implicit booleans, numbers and dates)",
    "non-finite": "a number that is not finite (YAML's .nan, .inf or -.inf)",
    "empty": "a text or list that must not be empty is empty",
    "enum": "a value outside a closed vocabulary",
    "pattern": "an id or code of the wrong shape",
    "control-char": "control characters or escape sequences in text",
    "url": "a URL that is not well-formed https",
    "date": "a date that is malformed or not a real day",
    "future-date": "a date after today (only expected and recheck dates may lie ahead)",
    "source-dates": "a source read before its own publication date",
    "route-state": "an upcoming route without `expected`, or `until`/`expected` on a route of another state",
    "status-routes": "a status that contradicts the entry's routes (see psylegal.law.access)",
    "history-order": "status history out of date order",
    "history-status": "the last status in the history differs from the current status",
    "history-since": "an entry's `since` that disagrees with the date its history gives the current status",
    "route-dates": "a route that closed (`until`) before it opened (`since`)",
    "entry-until": "a lapsed entry (`until`) with no start, ending before it began, or with a route still open",
    "eligibility": "eligibility facts that contradict each other",
    "stale-review": "a review date over a year old (an error with --strict)",
    "therapy-id": "a therapy id not in the catalog",
    "source-ref": "a cited source id that the file does not declare",
    "source-unused": "a declared source that nothing cites",
    "unsourced": "a statement other than unknown without a source",
    "unknown-note": "an unknown status without a note saying what is missing",
    "id-file": "an id that does not match the file name",
    "id-parent": "a city, county or subdivision id that does not start with its parent's id",
    "duplicate-id": "two files with the same id",
    "parent-missing": "a parent that does not exist",
    "parent-cycle": "parents that loop back on themselves",
    "parent-kind": "a country with a parent, or a non-country without one",
    "iso": "an ISO code that is missing, misplaced or does not match the id",
    "alias-collision": "an alias claimed by two files",
    "alias-duplicate": "the same alias twice in one file",
    "alias-split": 'a one-character alias, usually a name YAML split at a comma (quote "N,N-DMT")',
    "tracking-url": "a source URL with tracking or cart parameters (utm_*, fbclid, add-to-cart, …): a warning",
    "republisher": "a source hosted by a known republisher (jurisdictions/lists/republishers.yaml): a warning",
    "country-coverage": "a country that does not state every therapy",
    "placeholder": "scaffold text that was never filled in",
    "catalog": "the therapy catalog does not hold exactly the expected therapies",
}


@dataclass
class _Checker:
    document: Document
    display: str
    today: datetime.date
    problems: list[Problem] = field(default_factory=list)

    def report(
        self, key_path: KeyPath, message: str, rule: str, *, key: bool = False, severity: Severity = Severity.ERROR
    ) -> None:
        line, column = self.document.mark(key_path, key=key)
        self.problems.append(Problem(self.display, line, column, format_path(key_path), message, rule, severity))

    # -- structure -------------------------------------------------------------------------
    def walk(self, value: Any, spec: Spec, key_path: KeyPath) -> None:
        if key_path in self.document.alias_paths:
            return  # already reported as a YAML alias; its value was not expanded
        if isinstance(spec, Obj):
            self._object(value, spec, key_path)
        elif isinstance(spec, ListOf):
            if not self._expect(value, list, "a list", key_path):
                return
            if len(value) < spec.min_items:
                self.report(key_path, f"must have at least {spec.min_items} item(s)", "empty")
            for index, item in enumerate(value):
                self.walk(item, spec.item, (*key_path, index))
        elif isinstance(spec, MapOf):
            if not self._expect(value, dict, "a mapping", key_path):
                return
            for key, item in value.items():
                self._pattern(key, spec.key, (*key_path, key), key=True)
                self.walk(item, spec.value, (*key_path, key))
        elif isinstance(spec, SourceRefs):
            if not self._expect(value, list, "a list of source ids", key_path):
                return
            for index, item in enumerate(value):
                self._expect(item, str, "a source id", (*key_path, index))
        elif isinstance(spec, Choice):
            allowed = [member.value for member in spec.enum]
            if isinstance(value, str) and value in allowed:
                return
            got = f"'{value}'" if isinstance(value, str) else f"{type_name(value)} {_show(value)}"
            hint = _close_hint(value, allowed) + _yaml_hint(value)
            self.report(
                key_path,
                f"must be one of {', '.join(allowed)}; got {got}{hint}",
                "enum" if isinstance(value, str) else "type",
            )
        elif isinstance(spec, Date):
            self._date(value, spec, key_path)
        elif isinstance(spec, Flag):
            if not isinstance(value, bool):
                self.report(key_path, f"must be true or false; got {type_name(value)} {_show(value)}".rstrip(), "type")
        elif isinstance(spec, Number):
            self._number(value, spec, key_path)
        elif isinstance(spec, Url):
            if self._text(value, key_path) and not _URL.match(value):
                self.report(key_path, f"must be a well-formed https:// URL; got '{_clip(value)}'", "url")
        elif isinstance(spec, Pattern):
            self._pattern(value, spec, key_path)
        elif isinstance(spec, Text):
            self._text(value, key_path)

    def _object(self, value: Any, spec: Obj, key_path: KeyPath) -> None:
        if not self._expect(value, dict, "a mapping", key_path):
            return
        allowed = list(spec.fields)
        for key in value:
            if key not in spec.fields:
                hint = _close_hint(key, allowed)
                self.report(
                    (*key_path, key),
                    f"unknown key '{key}'{hint}; allowed: {', '.join(allowed)}",
                    "unknown-key",
                    key=True,
                )
        for key in sorted(spec.required - set(value)):
            self.report(key_path, f"missing required key '{key}'", "missing-key", key=True)
        for key, item in value.items():
            if key in spec.fields:
                self.walk(item, spec.fields[key], (*key_path, key))

    def _expect(self, value: Any, kind: type, label: str, key_path: KeyPath) -> bool:
        if isinstance(value, kind) and not isinstance(value, bool):
            return True
        self.report(
            key_path, f"must be {label}; got {type_name(value)} {_show(value)}{_yaml_hint(value)}".rstrip(), "type"
        )
        return False

    def _text(self, value: Any, key_path: KeyPath) -> bool:
        if not self._expect(value, str, "text", key_path):
            return False
        if not value.strip():
            self.report(key_path, "must not be empty", "empty")
            return False
        if not _NO_CONTROL.match(value):
            bad = next(ch for ch in value if not _NO_CONTROL.match(ch))
            self.report(key_path, f"contains control character U+{ord(bad):04X}; text must be plain", "control-char")
            return False
        if PLACEHOLDER in value:
            self.report(key_path, f"still holds the scaffold placeholder '{PLACEHOLDER}'", "placeholder")
            return False
        return True

    def _pattern(self, value: Any, spec: Pattern, key_path: KeyPath, *, key: bool = False) -> None:
        if not self._text(value, key_path):
            return
        if not re.match(spec.pattern, value):
            self.report(key_path, f"'{_clip(value)}' is not of the form '{spec.example}'", "pattern", key=key)

    def _date(self, value: Any, spec: Date, key_path: KeyPath) -> None:
        if isinstance(value, (datetime.date, int)) and not isinstance(value, bool):
            self.report(
                key_path,
                f'must be a quoted date like "{_show(value)}";'
                f" unquoted, YAML reads it as {with_article(type_name(value))}",
                "type",
            )
            return
        if not self._expect(value, str, "a date", key_path):
            return
        if PLACEHOLDER in value:
            self.report(key_path, f"still holds the scaffold placeholder '{PLACEHOLDER}'", "placeholder")
            return
        parsed = parse_date(value)
        if parsed is None or (spec.full and len(value) != 10):
            form = "YYYY-MM-DD" if spec.full else "YYYY, YYYY-MM or YYYY-MM-DD"
            self.report(key_path, f"must be a real date as {form}; got '{_clip(value)}'", "date")
            return
        if parsed > self.today and not spec.future:
            self.report(key_path, f"date {value} is in the future (today is {self.today.isoformat()})", "future-date")

    def _number(self, value: Any, spec: Number, key_path: KeyPath) -> None:
        kinds = (int,) if spec.integer else (int, float)
        if isinstance(value, float) and not math.isfinite(value):
            # YAML reads .nan, .inf and -.inf as floats. JSON has no such numbers, and `value < 0` is
            # false for NaN, so they would reach `where --json` as NaN and the text as "nan".
            label = "a finite whole number" if spec.integer else "a finite number"
            self.report(key_path, f"must be {label}; got {_yaml_float(value)}", "non-finite")
        elif not isinstance(value, kinds) or isinstance(value, bool):
            label = "a whole number" if spec.integer else "a number"
            self.report(key_path, f"must be {label}; got {type_name(value)} {_show(value)}".rstrip(), "type")
        elif value < 0:
            self.report(key_path, f"must not be negative; got {value}", "type")


def parse_date(value: str) -> datetime.date | None:
    """The first day a partial date can mean, or None when it is not a real date."""
    if not _DATE.match(value):
        return None
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        return datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _yaml_float(value: float) -> str:
    """A non-finite float as YAML writes it: .nan, .inf or -.inf."""
    return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return f"'{_clip(value)}'"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return ""
    return _clip(str(value))


def _clip(text: str, limit: int = 60) -> str:
    text = text.encode("unicode_escape").decode("ascii") if not _NO_CONTROL.match(text) else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _yaml_hint(value: Any) -> str:
    if isinstance(value, bool):
        return " (YAML reads unquoted yes/no/true/false/on/off as booleans; quote it)"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return " (YAML reads unquoted numbers as numbers; quote it)"
    if isinstance(value, datetime.date):
        return " (YAML reads unquoted dates as dates; quote it)"
    return ""


def _close_hint(value: Any, allowed: Iterable[str]) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# -- one jurisdiction file ---------------------------------------------------------------------
def check_jurisdiction(
    document: Document,
    display: str,
    therapy_ids: Iterable[str],
    today: datetime.date,
    republishers: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every problem in one place file; `republishers` maps hosts to why their copies are second-hand."""
    checker = _Checker(document, display, today)
    data = document.data
    checker.walk(data, JURISDICTION, ())
    if not isinstance(data, dict):
        return checker.problems
    _check_identity(checker, data)
    _check_citations(checker, data)
    _check_therapies(checker, data, set(therapy_ids))
    _check_source_dates(checker, data.get("sources"))
    _check_source_urls(checker, data.get("sources"), republishers or {})
    _check_aliases_whole(checker, data.get("aliases"), ("aliases",))
    _check_review(checker, data)
    return checker.problems


# Query parameters that only track a click or a shop visit; the page is the same without them.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "add-to-cart", "noamp"}
    | {"ref_src", "campaign", "_ga", "_gl"}
)


def tracking_parameters(url: str) -> list[str]:
    """The tracking parameters in a URL's query, in order (utm_* and the known click and cart ids)."""
    query = url.partition("?")[2].partition("#")[0]
    names = [part.partition("=")[0] for part in query.split("&") if part]
    return [name for name in names if name.lower().startswith("utm_") or name.lower() in TRACKING_PARAMETERS]


def republisher_of(url: str, republishers: Mapping[str, str]) -> str | None:
    """The listed republisher host that serves `url` (the host itself or a subdomain of it), if any."""
    host = url.partition("://")[2].partition("/")[0].partition("?")[0].lower().removeprefix("www.")
    for listed in republishers:
        if host == listed or host.endswith("." + listed):
            return listed
    return None


def _check_source_urls(checker: _Checker, sources: Any, republishers: Mapping[str, str]) -> None:
    for key, source in sources.items() if isinstance(sources, dict) else ():
        url = source.get("url") if isinstance(source, dict) else None
        if not isinstance(url, str):
            continue
        tracking = tracking_parameters(url)
        if tracking:
            checker.report(
                ("sources", key, "url"),
                f"remove the tracking parameter{'s' if len(tracking) > 1 else ''} {', '.join(tracking)} from the URL",
                "tracking-url",
                severity=Severity.WARNING,
            )
        host = republisher_of(url, republishers)
        if host is not None:
            checker.report(
                ("sources", key, "url"),
                f"{host} republishes others' reports ({republishers[host]}); cite the original where it can be read",
                "republisher",
                severity=Severity.WARNING,
            )


def _check_aliases_whole(checker: _Checker, aliases: Any, key_path: KeyPath) -> None:
    """A one-character alias is almost always half of a name YAML split at a comma ([N,N-DMT])."""
    for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
        if isinstance(alias, str) and len(normalise(alias)) == 1:
            checker.report(
                (*key_path, index),
                f"alias '{alias}' is one character: a name holding a comma was probably split by YAML;"
                ' quote it, as in ["N,N-DMT"]',
                "alias-split",
            )


def _check_identity(checker: _Checker, data: dict[str, Any]) -> None:
    ident, parent, kind, iso = data.get("id"), data.get("parent"), data.get("kind"), data.get("iso")
    stem = checker.document.path.stem
    if isinstance(ident, str) and ident != stem:
        checker.report(("id",), f"id '{ident}' must equal the file name '{stem}'", "id-file")
    if kind == Kind.COUNTRY.value:
        if parent is not None:
            checker.report(("parent",), "a country has no parent; remove 'parent'", "parent-kind", key=True)
    elif kind in {k.value for k in Kind} and parent is None:
        checker.report((), f"a {kind} needs a 'parent'", "parent-kind", key=True)
    if isinstance(ident, str) and isinstance(parent, str) and not ident.startswith(parent + "-"):
        checker.report(("id",), f"id '{ident}' must start with its parent's id '{parent}-'", "id-parent")
    needs_iso = kind == Kind.COUNTRY.value or kind in {k.value for k in SUBDIVISION_KINDS}
    if needs_iso and iso is None:
        checker.report((), f"a {kind} needs an 'iso' code ('{str(ident).upper()}')", "iso", key=True)
    elif kind in {k.value for k in LOCAL_KINDS} and iso is not None:
        checker.report(("iso",), f"a {kind} has no ISO code; remove 'iso'", "iso", key=True)
    elif (
        isinstance(iso, str)
        and isinstance(ident, str)
        and re.match(JURISDICTION_ID_PATTERN, ident)
        and iso != ident.upper()
    ):
        checker.report(("iso",), f"iso '{iso}' must be the id in capitals, '{ident.upper()}'", "iso")
    aliases = data.get("aliases")
    if isinstance(aliases, list):
        # The id, name and ISO code are matched already; an alias repeating them only adds noise.
        own = {
            normalise(v): k for k, v in (("id", ident), ("name", data.get("name")), ("iso", iso)) if isinstance(v, str)
        }
        seen: dict[str, str] = dict(own)
        for index, alias in enumerate(aliases):
            if isinstance(alias, str):
                key = normalise(alias)
                if key in seen:
                    checker.report(
                        ("aliases", index),
                        f"alias '{alias}' repeats {seen[key]} (names are compared"
                        " ignoring case, accents and punctuation)",
                        "alias-duplicate",
                    )
                seen.setdefault(key, f"aliases[{index}]")


def _cited(data: dict[str, Any]) -> Iterable[tuple[KeyPath, Any]]:
    """Every `sources:` list in a jurisdiction file, with its key path."""
    yield ("summary_sources",), data.get("summary_sources")
    therapies = data.get("therapies")
    if isinstance(therapies, dict):
        for therapy, entry in therapies.items():
            if not isinstance(entry, dict):
                continue
            base = ("therapies", therapy)
            yield (*base, "sources"), entry.get("sources")
            for section, index, item in _items(entry, "routes", "history"):
                yield (*base, section, index, "sources"), item.get("sources")
                for part in ("eligibility", "providers"):
                    inner = item.get(part) if section == "routes" else None
                    if isinstance(inner, dict):
                        yield (*base, section, index, part, "sources"), inner.get("sources")
    for section, index, item in _items(data, "due_diligence", "timeline", "bills"):
        yield (section, index, "sources"), item.get("sources")


def _items(container: dict[str, Any], *sections: str) -> Iterable[tuple[str, int, dict[str, Any]]]:
    """The mapping items of some list-valued keys, with their section and index."""
    for section in sections:
        items = container.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield section, index, item


# Lists of sources that must not be empty when present: a claim that names no source is no better
# than one that leaves `sources` out. (Routes may leave theirs empty: they default to the entry's.)
_MUST_CITE = {"history", "bills", "timeline", "due_diligence", "eligibility", "providers", "safety"}


def _catalog_cited(data: dict[str, Any]) -> Iterable[tuple[KeyPath, Any]]:
    """Every `sources:` list in the therapy catalog (its safety items), with its key path."""
    therapies = data.get("therapies")
    for therapy, entry in therapies.items() if isinstance(therapies, dict) else ():
        for _, index, item in _items(entry if isinstance(entry, dict) else {}, "safety"):
            yield ("therapies", therapy, "safety", index, "sources"), item.get("sources")


def _check_citations(
    checker: _Checker, data: dict[str, Any], cited: Iterable[tuple[KeyPath, Any]] | None = None
) -> None:
    raw_sources = data.get("sources")
    declared: dict[str, Any] = raw_sources if isinstance(raw_sources, dict) else {}
    used: set[str] = set()
    for key_path, refs in _cited(data) if cited is None else cited:
        if not isinstance(refs, list):
            continue
        if key_path == ("summary_sources",) and not refs:
            checker.report(key_path, "the summary must cite at least one source", "unsourced")
        elif not refs and _MUST_CITE & set(map(str, key_path[-3:-1])):
            checker.report(key_path, "must cite at least one source", "unsourced")
        for index, ref in enumerate(refs):
            if not isinstance(ref, str):
                continue
            used.add(ref)
            if ref not in declared:
                hint = _close_hint(ref, declared)
                checker.report(
                    (*key_path, index), f"cites '{ref}', which is not declared under 'sources'{hint}", "source-ref"
                )
    for source_id in declared:
        if source_id not in used:
            checker.report(
                ("sources", source_id), f"source '{source_id}' is declared but never cited", "source-unused", key=True
            )


def _check_therapies(checker: _Checker, data: dict[str, Any], therapy_ids: set[str]) -> None:
    therapies = data.get("therapies")
    if not isinstance(therapies, dict):
        return
    for therapy, entry in therapies.items():
        if therapy not in therapy_ids:
            hint = _close_hint(therapy, therapy_ids)
            checker.report(
                ("therapies", therapy),
                f"unknown therapy '{therapy}'{hint}; allowed: {', '.join(THERAPY_IDS)}",
                "therapy-id",
                key=True,
            )
        if not isinstance(entry, dict):
            continue
        status = entry.get("status")
        if status == Status.UNKNOWN.value:
            if not entry.get("note"):
                checker.report(
                    ("therapies", therapy),
                    "status 'unknown' needs a 'note' saying what is missing",
                    "unknown-note",
                    key=True,
                )
        elif status in {s.value for s in Status} and not entry.get("sources"):
            checker.report(
                ("therapies", therapy), f"status '{status}' must cite at least one source", "unsourced", key=True
            )
        _check_routes(checker, entry, ("therapies", therapy))
        _check_history(checker, entry, ("therapies", therapy))
        _check_until(checker, entry, ("therapies", therapy))
    for section in ("timeline", "due_diligence"):
        items = data.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            named = item.get("therapies") if isinstance(item, dict) else None
            for position, therapy in enumerate(named if isinstance(named, list) else []):
                if isinstance(therapy, str) and therapy not in therapy_ids:
                    hint = _close_hint(therapy, therapy_ids)
                    checker.report(
                        (section, index, "therapies", position), f"unknown therapy '{therapy}'{hint}", "therapy-id"
                    )
    if data.get("kind") == Kind.COUNTRY.value:
        missing = [t for t in THERAPY_IDS if t in therapy_ids and t not in therapies]
        if missing:
            checker.report(
                ("therapies",),
                f"a country must state every therapy (use 'unknown' with a note); missing: {', '.join(missing)}",
                "country-coverage",
                key=True,
            )


def _check_routes(checker: _Checker, entry: dict[str, Any], base: KeyPath) -> None:
    """State-dependent dates, eligibility that agrees with itself, and a status the routes support."""
    routes = entry.get("routes")
    parsed: list[AccessRoute] = []
    complete = True  # every route has a valid kind and state, so the status can be judged
    for _, index, route in _items(entry, "routes"):
        at = (*base, "routes", index)
        state = route.get("state")
        # `expected` is required on upcoming routes, but `until` is not required on closed ones: the
        # closing date is often unrecorded (US MDMA expanded access: "fully enrolled"), and a guessed
        # date would be worse than none.
        if state == RouteState.UPCOMING.value and "expected" not in route:
            checker.report(
                at, "an upcoming route needs 'expected' (when it is expected to open)", "route-state", key=True
            )
        for key, belongs in (("until", RouteState.CLOSED.value), ("expected", RouteState.UPCOMING.value)):
            if key in route and state in {s.value for s in RouteState} and state != belongs:
                checker.report(
                    (*at, key),
                    f"'{key}' belongs only on a {belongs} route; this one is {state}",
                    "route-state",
                    key=True,
                )
        opened, closed = _span(route.get("since")), _span(route.get("until"))
        if opened is not None and closed is not None and closed[1] < opened[0]:
            checker.report(
                (*at, "until"), f"closed ({route['until']}) before it opened ({route['since']})", "route-dates"
            )
        eligibility = route.get("eligibility")
        if isinstance(eligibility, dict):
            _check_eligibility(checker, eligibility, (*at, "eligibility"))
        try:
            parsed.append(AccessRoute(Route(route.get("route")), RouteState(state), ""))
        except ValueError:
            complete = False
    status = entry.get("status")
    if not complete or status not in {s.value for s in Status} or not isinstance(routes, (list, type(None))):
        return
    problem = contradiction(Status(status), parsed)
    if problem:
        checker.report((*base, "status"), problem, "status-routes")


def _check_eligibility(checker: _Checker, eligibility: dict[str, Any], at: KeyPath) -> None:
    if "conditions" in eligibility and eligibility.get("diagnosis_required") is not True:
        checker.report((*at, "conditions"), "conditions need 'diagnosis_required: true'", "eligibility", key=True)
    cost = eligibility.get("cost")
    if isinstance(cost, dict):
        low, high = cost.get("min"), cost.get("max")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            checker.report((*at, "cost"), f"cost min {low} is more than max {high}", "eligibility")


def _check_history(checker: _Checker, entry: dict[str, Any], base: KeyPath) -> None:
    """History in date order (partial dates sort before the days they contain), ending at the status."""
    history = list(_items(entry, "history"))
    previous: str | None = None
    for _, index, item in history:
        date = item.get("date")
        if not isinstance(date, str) or parse_date(date) is None:
            continue
        if previous is not None and date < previous:
            checker.report(
                (*base, "history", index, "date"),
                f"{date} comes before the previous change ({previous})",
                "history-order",
            )
        previous = date
    if history:
        _, index, last = history[-1]
        # The status's `since` is derived from the history: the first change of the last run of
        # changes to the current status (a later entry that restates it, such as a rescheduling that
        # leaves a medicine available, does not restart it). Typed again, it must say the same (a
        # date and a more precise date inside it agree: "2023-06" and "2023-06-15").
        start = last
        for _, _, item in reversed(history):
            if item.get("status") != last.get("status"):
                break
            start = item
        since, changed = _span(entry.get("since")), _span(start.get("date"))
        if since is not None and changed is not None and (since[1] < changed[0] or changed[1] < since[0]):
            checker.report(
                (*base, "since"),
                f"since {entry['since']}, but the history dates the current status from {start['date']};"
                " drop 'since' (the history dates the status) or make them agree",
                "history-since",
            )
        status = entry.get("status")
        if isinstance(status, str) and last.get("status") != status:
            checker.report(
                (*base, "history", index, "status"),
                f"the last change says '{last.get('status')}' but the status is '{status}'",
                "history-status",
            )


def _check_until(checker: _Checker, entry: dict[str, Any], base: KeyPath) -> None:
    """A lapsed entry is history: it began on a recorded day, ended after that, and leaves no route open."""
    until = _span(entry.get("until"))
    if until is None:
        return
    history = [item for _, _, item in _items(entry, "history")]
    began = _span(history[-1].get("date")) if history else _span(entry.get("since"))
    if began is None:
        checker.report(
            (*base, "until"),
            "an entry that lapsed needs the day its status began: 'since' or a 'history'",
            "entry-until",
        )
    elif until[1] <= began[0]:
        checker.report(
            (*base, "until"),
            f"the entry lapsed ({entry['until']}) before its status began ({began[0]})",
            "entry-until",
        )
    for _, index, route in _items(entry, "routes"):
        if route.get("state") in {RouteState.OPEN.value, RouteState.UPCOMING.value}:
            checker.report(
                (*base, "routes", index, "state"),
                f"the entry lapsed on {entry['until']}, so its routes cannot still be {route.get('state')}",
                "entry-until",
            )


def _span(value: Any) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day a partial date may mean, or None when it is not a date."""
    from psylegal.law.dates import DateError, PartialDate

    if not isinstance(value, str):
        return None
    try:
        parsed = PartialDate.parse(value)
    except DateError:
        return None
    return parsed.first_day, parsed.last_day


def _check_source_dates(checker: _Checker, sources: Any) -> None:
    for key, source in sources.items() if isinstance(sources, dict) else ():
        if not isinstance(source, dict):
            continue
        date, accessed = source.get("date"), source.get("accessed")
        if not (isinstance(date, str) and isinstance(accessed, str)):
            continue
        published, read = parse_date(date), parse_date(accessed)
        if published and read and published > read:
            checker.report(
                ("sources", key, "accessed"),
                f"read on {accessed}, before the page's own date {date}",
                "source-dates",
            )


def _check_review(checker: _Checker, data: dict[str, Any]) -> None:
    reviewed = data.get("reviewed")
    parsed = parse_date(reviewed) if isinstance(reviewed, str) else None
    if parsed and (checker.today - parsed).days > REVIEW_STALE_AFTER_DAYS:
        checker.report(
            ("reviewed",),
            f"last reviewed {reviewed}, over a year ago; check the facts and update it",
            "stale-review",
            severity=Severity.WARNING,
        )


# -- the therapy catalog ----------------------------------------------------------------------
def check_catalog(document: Document, display: str, today: datetime.date) -> list[Problem]:
    checker = _Checker(document, display, today)
    checker.walk(document.data, THERAPY_CATALOG, ())
    therapies = document.data.get("therapies") if isinstance(document.data, dict) else None
    if isinstance(document.data, dict):
        _check_citations(checker, document.data, _catalog_cited(document.data))
        _check_source_dates(checker, document.data.get("sources"))
        _check_source_urls(checker, document.data.get("sources"), {})
    if isinstance(therapies, dict):
        found = list(therapies)
        if sorted(found) != sorted(THERAPY_IDS):
            missing = [t for t in THERAPY_IDS if t not in found]
            extra = [t for t in found if t not in THERAPY_IDS]
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unexpected {', '.join(extra)}" if extra else "",
                )
                if part
            )
            checker.report(
                ("therapies",), f"the catalog must hold exactly {', '.join(THERAPY_IDS)}: {detail}", "catalog", key=True
            )
        owner: dict[str, str] = {}
        for therapy, entry in therapies.items():
            names = [therapy]
            if isinstance(entry, dict):
                names += [entry.get("name"), *list(entry.get("aliases") or [])]
                _check_aliases_whole(checker, entry.get("aliases"), ("therapies", therapy, "aliases"))
            for index, name in enumerate(names):
                if not isinstance(name, str):
                    continue
                key = normalise(name)
                if key in owner and owner[key] != therapy:
                    checker.report(
                        ("therapies", therapy, "aliases", index - 2) if index >= 2 else ("therapies", therapy),
                        f"'{name}' already names therapy '{owner[key]}'",
                        "alias-collision",
                    )
                owner.setdefault(key, therapy)
    return checker.problems


# -- across files -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Summary:
    """What the cross-file rules need from one jurisdiction file: small, and stored in the cache.

    `marks` locates the id, the parent and each alias (by their key path, as text) so that a
    cross-file problem points at its line without the file being parsed again.
    """

    file: str
    id: str | None
    parent: str | None
    aliases: tuple[str | None, ...]
    marks: dict[str, tuple[int, int]]

    @classmethod
    def of(cls, document: Document, file: str) -> Summary:
        data = document.data if isinstance(document.data, dict) else {}
        ident, parent = data.get("id"), data.get("parent")
        raw_aliases = data.get("aliases")
        aliases = tuple(a if isinstance(a, str) else None for a in raw_aliases) if isinstance(raw_aliases, list) else ()
        paths: list[KeyPath] = [(), ("id",), ("parent",), *(("aliases", i) for i in range(len(aliases)))]
        return cls(
            file,
            ident if isinstance(ident, str) else None,
            parent if isinstance(parent, str) else None,
            aliases,
            {format_path(path): document.mark(path) for path in paths},
        )

    def problem(self, key_path: KeyPath, message: str, rule: str) -> Problem:
        shown = format_path(key_path)
        line, column = self.marks.get(shown) or self.marks.get("", (1, 1))
        return Problem(self.file, line, column, shown, message, rule)


def check_across(summaries: list[Summary]) -> list[Problem]:
    """Checks that need every file: unique ids and aliases, existing parents, no cycles.

    They run over small summaries (never the documents), in file-name order, so that the
    per-file work can be cached and only this cheap pass repeats when one file changes.
    """
    problems: list[Problem] = []
    claimed: dict[str, Summary] = {}  # id -> the first file that uses it
    for summary in summaries:
        if summary.id is not None:
            if summary.id in claimed:
                problems.append(
                    summary.problem(
                        ("id",), f"id '{summary.id}' is also used by {claimed[summary.id].file}", "duplicate-id"
                    )
                )
            claimed.setdefault(summary.id, summary)
    # Aliases may repeat another place's name, id or code (the resolver then lists both: `CO` is
    # Colorado's postal code and Colombia's ISO code); two files claiming one alias is a mistake.
    alias_owner: dict[str, Summary] = {}
    for summary in summaries:
        for index, alias in enumerate(summary.aliases):
            if alias is None:
                continue
            norm = normalise(alias)
            owner = alias_owner.get(norm)
            if owner is not None and owner.file != summary.file:
                problems.append(
                    summary.problem(
                        ("aliases", index), f"alias '{alias}' is already used by {owner.file}", "alias-collision"
                    )
                )
            alias_owner.setdefault(norm, summary)
    for summary in summaries:
        parent = summary.parent
        if parent is None:
            continue
        if parent not in claimed:
            hint = _close_hint(parent, claimed)
            problems.append(summary.problem(("parent",), f"parent '{parent}' does not exist{hint}", "parent-missing"))
            continue
        seen: list[str | None] = [summary.id]
        current: str | None = parent
        while current is not None and current in claimed:
            if current in seen:
                problems.append(
                    summary.problem(
                        ("parent",), f"parents loop: {' -> '.join(map(str, [*seen, current]))}", "parent-cycle"
                    )
                )
                break
            seen.append(current)
            current = claimed[current].parent
    return problems
