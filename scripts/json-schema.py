#!/usr/bin/env python3
"""Checks JSON the judge printed against docs/schema/.

usage: json-schema.py SCHEMA_DIR NAME FILE...
Each FILE holds one JSON object (the judge's stdout); it must be valid under
SCHEMA_DIR/NAME.json, whose $refs to the other schemas there are resolved
locally.  Prints one line per invalid file and exits 1 if any was.
"""
import json
import os
import sys

from jsonschema import Draft202012Validator

try:  # jsonschema >= 4.18
    from referencing import Registry, Resource
except ImportError:  # Debian 12's 4.10: the older resolver
    Registry = None


def main():
    schema_dir, name, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    docs = {}
    for f in sorted(os.listdir(schema_dir)):
        if f.endswith(".json"):
            with open(os.path.join(schema_dir, f)) as fh:
                doc = json.load(fh)
            Draft202012Validator.check_schema(doc)
            docs[doc["$id"]] = doc
    uri = "https://judge.invalid/schema/" + name + ".json"
    if Registry is not None:
        registry = Registry().with_resources(
            (k, Resource.from_contents(v)) for k, v in docs.items())
        validator = Draft202012Validator(docs[uri], registry=registry)
    else:
        from jsonschema import RefResolver
        resolver = RefResolver(base_uri=uri, referrer=docs[uri], store=docs)
        validator = Draft202012Validator(docs[uri], resolver=resolver)
    bad = 0
    for path in files:
        with open(path) as fh:
            text = fh.read()
        try:
            doc = json.loads(text)
        except ValueError as e:
            print(f"{path}: not one JSON object: {e}: {text[:200]!r}")
            bad += 1
            continue
        for err in validator.iter_errors(doc):
            where = "/".join(str(p) for p in err.absolute_path) or "(top)"
            print(f"{path}: {name}: {where}: {err.message[:300]}")
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
