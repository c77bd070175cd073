"""An Atom 1.0 feed (RFC 4287) of the change feed, for feed readers: `psylegal changes --format atom`.

Every entry has a stable id, a `tag:` URI (RFC 4151) built from what the change is: its place, the
therapies it concerns, its type, its route or bill, and its date. The same data gives the same ids
on every run, so a reader shows only what is new. Each entry links to its first source. Times are
the change's first day at midnight UTC: the data dates changes to the day, month or year.
"""

from __future__ import annotations

import datetime
from urllib.parse import quote
from xml.etree import ElementTree

from psylegal import __version__
from psylegal.render import Output
from psylegal.render.terminal import printable
from psylegal.tracking import Change, ChangeFeed

NAMESPACE = "http://www.w3.org/2005/Atom"
# The tagging entity of every id: a name and a fixed date, so ids never change (RFC 4151).
TAG = "tag:psylegal,2026:"


def timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def title(change: Change) -> str:
    about = ", ".join(change.therapies) if change.therapies else "all therapies"
    if change.after is not None:
        before = change.before.value if change.before is not None else "first record"
        what = f"status {before} → {change.after.value}"
    else:
        what = change.event.label if change.event is not None else change.type.label
    return f"{change.place.name} · {about} · {what} ({change.date})"


def feed_id(feed: ChangeFeed) -> str:
    """The feed's id: the same question asked again is the same feed."""
    parts = [
        "upcoming" if feed.upcoming else "changes",
        *(f"{name}={value}" for name, value in _filters(feed) if value),
    ]
    return TAG + quote(";".join(parts), safe="/;=,-")


def _filters(feed: ChangeFeed) -> list[tuple[str, str | None]]:
    return [
        ("since", feed.since.isoformat() if feed.since else None),
        ("until", feed.until.isoformat() if feed.until else None),
        ("place", feed.place.id if feed.place else None),
        ("therapy", feed.therapy.id if feed.therapy else None),
        ("type", feed.type),
    ]


def entry_ids(changes: tuple[Change, ...]) -> list[str]:
    """One id per change; two changes alike in every part of the key get -2, -3 … in text order."""
    base = [f"{TAG}{quote(change.key, safe='/,-')}/{change.date}" for change in changes]
    ids = list(base)
    for ident in set(base):
        alike = sorted((changes[i].text, i) for i, other in enumerate(base) if other == ident)
        for number, (_, index) in enumerate(alike[1:], 2):
            ids[index] = f"{ident}-{number}"
    return ids


def changes(feed: ChangeFeed, output: Output) -> str:
    ElementTree.register_namespace("", NAMESPACE)

    def element(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> None:
        child = ElementTree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes)
        if text is not None:
            child.text = printable(text, multiline=True)

    root = ElementTree.Element(f"{{{NAMESPACE}}}feed")
    element(root, "id", feed_id(feed))
    scope = ", ".join(f"{name} {value}" for name, value in _filters(feed) if value)
    heading = "psylegal: what is coming" if feed.upcoming else "psylegal: changes in the law"
    element(root, "title", heading + (f" ({scope})" if scope else ""))
    # The feed changes when its newest entry does; with no entries, it is as of today.
    newest = max((change.date.first_day for change in feed.changes), default=feed.today)
    element(root, "updated", timestamp(newest))
    author = ElementTree.SubElement(root, f"{{{NAMESPACE}}}author")
    element(author, "name", "psylegal")
    element(root, "generator", "psylegal", version=__version__)
    element(root, "subtitle", "Dated, sourced changes to the law on psychedelic-assisted therapies.")
    for change, ident in zip(feed.changes, entry_ids(feed.changes), strict=True):
        entry = ElementTree.SubElement(root, f"{{{NAMESPACE}}}entry")
        element(entry, "id", ident)
        element(entry, "title", title(change))
        element(entry, "updated", timestamp(change.date.first_day))
        for source in change.sources[:1]:
            element(entry, "link", rel="alternate", href=source.url, title=printable(source.title))
        for source in change.sources[1:]:
            element(entry, "link", rel="related", href=source.url, title=printable(source.title))
        element(entry, "category", term=change.event.value if change.event is not None else change.type.value)
        element(entry, "summary", _summary(change))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode")


def _summary(change: Change) -> str:
    precision = "" if change.date.precision == "day" else f" (dated only to the {change.date.precision})"
    return f"{change.place.name}, {change.date}{precision}: {change.text}"
