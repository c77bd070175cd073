"""The commented template `psylegal new` writes. Every FILL-IN is an error for `validate`, so an
unfinished scaffold can never ship."""

from __future__ import annotations

from psylegal.data.shape import PLACEHOLDER
from psylegal.law.model import LOCAL_KINDS, THERAPY_IDS, Kind

P = PLACEHOLDER


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaffold(ident: str, name: str, kind: Kind, parent: str | None) -> str:
    lines = [
        "# yaml-language-server: $schema=schema/jurisdiction.schema.json",
        f"# {name}: written by `psylegal new`. Replace every {P}, then run `psylegal validate`.",
        "# CONTRIBUTING.md explains how to research, cite and date each statement.",
        f"id: {ident}",
        f"name: {_quote(name)}",
        f"kind: {kind.value}",
    ]
    if parent:
        lines.append(f"parent: {parent}")
    if kind not in LOCAL_KINDS:
        lines.append(f'iso: "{ident.upper()}"')
    lines += [
        "aliases: []                 # other names and codes people type",
        f'reviewed: "{P}"            # the day you checked these facts, "YYYY-MM-DD"',
        "summary: >-                # one to three plain-language sentences",
        f"  {P}: what this place's own law says about these therapies.",
        "summary_sources: [source-1]",
        "",
    ]
    if kind is Kind.COUNTRY:
        lines += [
            "# A country states every therapy; use status unknown, with a note, where you cannot verify.",
            "therapies:",
        ]
        for therapy in THERAPY_IDS:
            lines += [
                f"  {therapy}:",
                "    status: unknown     # available, unregulated, limited, research, pending, decriminalized,",
                "                        # prohibited",
                f"    note: {P} what is known and what is missing.",
            ]
    else:
        lines += [
            "# List only the therapies this place's own law changes; the rest inherit from the parent.",
            "therapies: {}",
            "# therapies:",
            "#   psilocybin:",
            "#     status: decriminalized",
            '#     since: "YYYY-MM-DD"',
            "#     routes:",
            "#       - route: personal-use",
            "#         state: open       # open, closed, upcoming (with expected:) or unknown",
            "#         who: Adults 21+ ...",
            "#     note: What it does and does not do.",
            "#     sources: [source-1]",
        ]
    lines += [
        "",
        "due_diligence: []           # - text: what to check before going",
        "                            #   sources: [source-1]",
        'timeline: []                # - date: "YYYY-MM-DD"',
        "                            #   type: law-passed",
        "                            #   text: what happened",
        "                            #   sources: [source-1]",
        "",
        "sources:",
        "  source-1:",
        f"    title: {P}",
        f"    publisher: {P}",
        f'    url: "https://{P}"',
        f'    accessed: "{P}"           # the day you read it: YYYY-MM-DD',
        '    # date: "YYYY-MM-DD"       # the page\'s own date (YYYY or YYYY-MM too); leave out if it shows none',
        "",
    ]
    return "\n".join(lines)
