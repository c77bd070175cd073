"""`psylegal schema`: print the JSON Schema generated from the validator's own rules."""

from __future__ import annotations

import json
from typing import TextIO

from psylegal.data.json_schema import jurisdiction_schema, therapy_catalog_schema
from psylegal.errors import UsageError

SCHEMAS = {"jurisdiction": jurisdiction_schema, "therapies": therapy_catalog_schema}


def render(which: str) -> str:
    if which not in SCHEMAS:
        raise UsageError(f"schema must be one of {', '.join(SCHEMAS)}; got '{which}'")
    return json.dumps(SCHEMAS[which](), indent=2, ensure_ascii=False) + "\n"


def run(which: str, out: TextIO) -> int:
    out.write(render(which))
    return 0
