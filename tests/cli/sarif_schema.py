#!/usr/bin/python3
"""Validates SARIF files against the SARIF 2.1.0 JSON schema (used by tests/sarif_test.cpp).

Usage: sarif_schema.py SCHEMA FILE...
Exit status: 0 all valid, 1 a file is invalid, 2 validation could not run (bad usage, missing
schema, or no jsonschema module: install Debian's python3-jsonschema and run /usr/bin/python3).
"""
import json
import sys

try:
    import jsonschema
    from jsonschema.validators import validator_for
except ImportError as exc:  # pragma: no cover - depends on the host
    print(f"sarif_schema.py: {exc}; install python3-jsonschema", file=sys.stderr)
    sys.exit(2)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        schema = load(argv[1])
    except (OSError, ValueError) as exc:
        print(f"sarif_schema.py: cannot read schema {argv[1]}: {exc}", file=sys.stderr)
        return 2
    # The SARIF schema declares draft-04; fall back to draft 7 if a schema declares nothing.
    cls = validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    # The generic checker also knows uri-reference (checked when rfc3987 is installed).
    validator = cls(schema, format_checker=jsonschema.FormatChecker())
    status = 0
    for path in argv[2:]:
        try:
            doc = load(path)
        except (OSError, ValueError) as exc:
            print(f"{path}: not JSON: {exc}")
            status = 1
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
        for err in errors:
            where = "/".join(str(p) for p in err.absolute_path) or "<root>"
            print(f"{path}: {where}: {err.message}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
