"""`psylegal schema`: print a JSON Schema: a data file's (generated from the validator's own rules) or the output's."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from psylegal.data.json_schema import jurisdiction_schema, therapy_catalog_schema
from psylegal.errors import UsageError


def output_schema() -> dict[str, Any]:
    from psylegal.render.contract import output_schema as schema  # only this command needs the query layer

    return schema()


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "jurisdiction": jurisdiction_schema,
    "therapies": therapy_catalog_schema,
    "output": output_schema,
}


def render(which: str) -> str:
    if which not in SCHEMAS:
        raise UsageError(f"schema must be one of {', '.join(SCHEMAS)}; got '{which}'")
    return json.dumps(SCHEMAS[which](), indent=2, ensure_ascii=False) + "\n"


def run(which: str, out: TextIO) -> int:
    out.write(render(which))
    return 0
