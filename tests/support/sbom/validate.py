#!/usr/bin/env python3
"""Validate SBOM files against the JSON schemas of their formats (issue 21).

- CycloneDX JSON (`*.cdx.json`): the JSON schema of the document's own
  `specVersion` (1.4 or newer required), as shipped by cyclonedx-python-lib,
  in its strict form (no property the schema does not define), with format
  checks (URLs, date-times).
- SPDX JSON (`*.spdx.json`): `spdxVersion` must be `SPDX-2.3`; the document must
  validate against the SPDX 2.3 JSON schema given with `--spdx-schema` (the
  official one, as shipped by the serde-spdx crate whose model writes it), and
  then pass spdx-tools' own validation of the SPDX 2.3 specification
  (identifiers, relationships, licence expressions, download locations).
  One of spdx-tools' rules is stricter than the specification and is not
  applied: its pattern for a download location's URL wants a DNS name with a
  top-level domain, so it rejects `http://127.0.0.1:8080/…` (the tests'
  local mirror) and `http://localhost/…`, which RFC 3986 and SPDX allow; such
  a location must still be an absolute http(s) URL with a host.

Usage: validate.py --spdx-schema SCHEMA.json FILE...
Prints `ok FILE` or `invalid FILE: reason` per file. Exit 0 when every file is
valid, 1 when one is not, 2 on a usage error.

Installed into target/tools/sbom-venv by scripts/setup.sh.
"""

import argparse
import json
import sys


def cyclonedx_errors(doc, text):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    version = doc.get("specVersion")
    if doc.get("bomFormat") != "CycloneDX":
        return [f"bomFormat is {doc.get('bomFormat')!r}, not 'CycloneDX'"]
    if version not in ("1.4", "1.5", "1.6", "1.7"):
        return [f"specVersion {version!r} is not CycloneDX 1.4 or newer"]
    errors = JsonStrictValidator(SchemaVersion.from_version(version)).validate_str(text, all_errors=True)
    return [str(e) for e in errors or []]


def loopback_or_single_label_url(location):
    """An absolute http(s) URL whose host is an IP address or a name without a dot."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(location)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        ipaddress.ip_address(parts.hostname)
        return True
    except ValueError:
        return "." not in parts.hostname


def spdx_errors(doc, path, schema):
    import jsonschema
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    if doc.get("spdxVersion") != "SPDX-2.3":
        return [f"spdxVersion is {doc.get('spdxVersion')!r}, not 'SPDX-2.3'"]
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '(document)'}: {e.message}" for e in validator.iter_errors(doc)]
    if errors:
        return errors
    document = parse_file(path)
    stricter_than_spdx = "package download_location must be a valid URL or download location according to the specification, but is: "
    return [
        m.validation_message
        for m in validate_full_spdx_document(document, "SPDX-2.3")
        if not (
            m.validation_message.startswith(stricter_than_spdx)
            and loopback_or_single_label_url(m.validation_message[len(stricter_than_spdx) :])
        )
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spdx-schema", required=True, help="the SPDX 2.3 JSON schema")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    with open(args.spdx_schema, encoding="utf-8") as f:
        spdx_schema = json.load(f)
    if spdx_schema.get("$id") != "http://spdx.org/rdf/terms/2.3":
        print(f"{args.spdx_schema} is not the SPDX 2.3 JSON schema", file=sys.stderr)
        return 2
    failed = False
    for path in args.files:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            doc = json.loads(text)
            if path.endswith(".cdx.json"):
                errors = cyclonedx_errors(doc, text)
            elif path.endswith(".spdx.json"):
                errors = spdx_errors(doc, path, spdx_schema)
            else:
                errors = ["not a .cdx.json or .spdx.json file"]
        except Exception as e:  # an unreadable or unparsable file is invalid, with the reason
            errors = [f"{type(e).__name__}: {e}"]
        if errors:
            failed = True
            print(f"invalid {path}: " + " | ".join(errors))
        else:
            print(f"ok {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
