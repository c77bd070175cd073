"""Generate the JSON Schemas for the data files from the specs in `psylegal.data.shape`.

The shipped files under jurisdictions/schema/ are this module's output; a test keeps them equal,
and CI runs an independent validator (check-jsonschema) with them over every data file.
"""

from __future__ import annotations

from typing import Any

from psylegal.data.shape import (
    DATE_PATTERN,
    FULL_DATE_PATTERN,
    JURISDICTION,
    NO_CONTROL_PATTERN,
    SOURCE_ID_PATTERN,
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
    Url,
)
from psylegal.law.model import THERAPY_IDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
NON_FINITE_COMMENT = (
    "JSON Schema cannot reject NaN or infinity (YAML's .nan and .inf) in a number;"
    " psylegal validate does (rule non-finite)."
)


def to_schema(spec: Spec) -> dict[str, Any]:
    node: dict[str, Any]
    if isinstance(spec, Obj):
        node = {
            "type": "object",
            "properties": {name: to_schema(child) for name, child in spec.fields.items()},
            "required": sorted(spec.required),
            "additionalProperties": False,
        }
    elif isinstance(spec, ListOf):
        node = {"type": "array", "items": to_schema(spec.item)}
        if spec.min_items:
            node["minItems"] = spec.min_items
    elif isinstance(spec, MapOf):
        node = {
            "type": "object",
            "propertyNames": {"pattern": spec.key.pattern},
            "additionalProperties": to_schema(spec.value),
        }
    elif isinstance(spec, SourceRefs):
        node = {"type": "array", "items": {"type": "string", "pattern": SOURCE_ID_PATTERN}}
    elif isinstance(spec, Choice):
        node = {"enum": [member.value for member in spec.enum]}
    elif isinstance(spec, Date):
        node = {"type": "string", "pattern": FULL_DATE_PATTERN if spec.full else DATE_PATTERN}
    elif isinstance(spec, Flag):
        node = {"type": "boolean"}
    elif isinstance(spec, Number):
        node = {"type": "integer" if spec.integer else "number", "minimum": 0}
        if not spec.integer:
            # JSON Schema cannot express "finite": JSON itself has no NaN or infinity, and NaN compares
            # false with every bound, so it passes `minimum` (which does turn away -.inf; an integer is
            # finite). YAML's .nan and .inf would pass this schema; `psylegal validate` rejects them
            # (rule `non-finite`), and the schema says so to whoever reads it.
            node["$comment"] = NON_FINITE_COMMENT
    elif isinstance(spec, Url):
        node = {"type": "string", "pattern": URL_PATTERN}
    elif isinstance(spec, Pattern):
        node = {"type": "string", "pattern": spec.pattern}
    else:
        node = {"type": "string", "minLength": 1, "pattern": NO_CONTROL_PATTERN}
    if spec.description:
        node = {"description": spec.description, **node}
    return node


def jurisdiction_schema() -> dict[str, Any]:
    schema = to_schema(JURISDICTION)
    # Therapy ids are a closed set; editors can offer them as completions.
    schema["properties"]["therapies"]["propertyNames"] = {"enum": list(THERAPY_IDS)}
    return {"$schema": DRAFT, "title": "psylegal jurisdiction", **schema}


def therapy_catalog_schema() -> dict[str, Any]:
    schema = to_schema(THERAPY_CATALOG)
    schema["properties"]["therapies"]["propertyNames"] = {"enum": list(THERAPY_IDS)}
    return {"$schema": DRAFT, "title": "psylegal therapy catalog", **schema}
