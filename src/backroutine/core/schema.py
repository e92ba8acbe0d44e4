"""The JSON Schema for routine files, derived from the field tables.

Editors use it to complete and check routine files as they are typed (for
example VS Code's YAML extension, with a `# yaml-language-server: $schema=`
comment). `python -m backroutine.core.schema` prints it.
"""

from __future__ import annotations

import json
from typing import Any

from .durations import MAX_SECONDS, PATTERN
from .fields import (
    DOSE_KEYS,
    DOSE_RULES,
    EXERCISE_FIELDS,
    FORMAT_VERSION,
    MAX_STEPS,
    REST_FIELDS,
    ROUTINE_FIELDS,
    SCHEDULE_FIELDS,
    Field,
    Kind,
)


def _describe(field: Field) -> str:
    extra = field.describe_range()
    return f"{field.help} ({extra})" if extra else field.help


def _value_schema(field: Field) -> dict[str, Any]:
    kind = field.kind
    schema: dict[str, Any]
    if kind is Kind.FORMAT:
        schema = {"type": "integer", "enum": [FORMAT_VERSION]}
    elif kind in (Kind.LINE, Kind.TEXT):
        schema = _texts(_text(field))
    elif kind is Kind.IMAGE:
        schema = {
            "type": "string",
            "minLength": 1,
            "pattern": r"^(?![/\\])(?![A-Za-z]:)(?!.*(^|[/\\])\.\.([/\\]|$))",
        }
    elif kind is Kind.TAGS:
        schema = {
            "type": "array",
            "items": {"type": ["string", "number", "boolean"], "minLength": 1},
        }
    elif kind is Kind.DURATION:
        schema = {
            "anyOf": [
                {"type": "number", "minimum": field.low or 0, "maximum": MAX_SECONDS},
                {"type": "string", "pattern": PATTERN},
            ]
        }
    elif kind is Kind.COUNT:
        schema = {"type": "integer", "minimum": field.low, "maximum": field.high}
    elif kind is Kind.CHOICE:
        schema = {"type": "string", "enum": list(field.choices)}
    elif kind is Kind.DAYS:
        schema = {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "enum": list(field.choices)},
        }
    elif kind is Kind.SCHEDULE:
        schema = _object(SCHEDULE_FIELDS)
    else:
        schema = {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_STEPS,
            "items": {
                "oneOf": [{"$ref": "#/definitions/exercise"}, {"$ref": "#/definitions/rest"}]
            },
        }
    schema["description"] = _describe(field)
    if field.default is not None and kind is not Kind.FORMAT:
        schema["default"] = field.default
    return schema


def _text(field: Field) -> dict[str, Any]:
    if field.kind is Kind.TEXT:
        return {"type": ["string", "number", "boolean"], "minLength": 1}
    # Numbers and yes/no are read as their text too ("name: 1984").
    schema: dict[str, Any] = {
        "type": ["string", "number", "boolean"],
        "pattern": r"^[^\n]*\S[^\n]*$",
    }
    if field.max_length:
        schema["maxLength"] = field.max_length
    return schema


# A language code as Babel reads it: "en", "pt_BR", "pt-BR", "zh_Hans", "es_419".
LANGUAGE_CODE = r"^[A-Za-z]{2,3}([_-]([A-Za-z]{4}|[A-Za-z]{2}|[0-9]{3}))*$"


def _texts(text: dict[str, Any]) -> dict[str, Any]:
    """A text, or the same text per language: {en: ..., de: ...} (core/texts.py)."""
    per_language = {
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"pattern": LANGUAGE_CODE},
        "additionalProperties": text,
    }
    return {"anyOf": [text, per_language]}


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.key for f in fields if f.required],
        "properties": {f.key: _value_schema(f) for f in fields},
    }


def _has(*keys: str) -> dict[str, Any]:
    return {"required": list(keys)}


def routine_schema() -> dict[str, Any]:
    """The whole schema (draft-07, which editors support best)."""
    exercise = _object(EXERCISE_FIELDS)
    exercise["description"] = "An exercise step: its name plus one dose."
    # One dose: hold (+ reps, rest), or duration, or reps (+ tempo).
    exercise["anyOf"] = [_has(key) for key in DOSE_KEYS]
    exercise["allOf"] = [
        {"not": _has(rule.key, other)} for rule in DOSE_RULES for other in rule.excludes
    ]
    exercise["dependencies"] = {
        rule.key: {"required": list(rule.needs)} for rule in DOSE_RULES if rule.needs
    }
    rest = _object(REST_FIELDS)
    rest["description"] = "A rest step."
    schema = _object(ROUTINE_FIELDS)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "BackRoutine routine",
        "description": "An exercise routine for BackRoutine (routine format 1).",
        **schema,
        "definitions": {"exercise": exercise, "rest": rest},
    }


def schema_text() -> str:
    return json.dumps(routine_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
