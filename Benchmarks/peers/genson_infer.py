#!/usr/bin/env python3
"""The peer of `hookline schema infer`: GenSON (pip install genson==1.4.0) over an NDJSON corpus.

usage: genson_infer.py CORPUS.ndjson [SCHEMA_OUT.json]

Times reading, parsing and inference in-process (no interpreter start-up), like
`hookline schema infer --timing`, and reports it on stderr as "genson: <seconds> s, <MB/s> MB/s".
The schema goes to SCHEMA_OUT, or to stdout without it.
"""
import json
import sys
import time

from genson import SchemaBuilder


def infer(path):
    builder = SchemaBuilder(schema_uri="https://json-schema.org/draft/2020-12/schema")
    read = 0
    with open(path, "rb") as corpus:
        for line in corpus:
            read += len(line)
            if line.strip():
                builder.add_object(json.loads(line))
    return builder.to_schema(), read


def main(argv):
    started = time.perf_counter()
    schema, read = infer(argv[1])
    seconds = time.perf_counter() - started
    text = json.dumps(schema, indent=2, sort_keys=True)
    if len(argv) > 2:
        with open(argv[2], "w") as out:
            out.write(text)
    else:
        print(text)
    print("genson: %.3f s, %.1f MB/s" % (seconds, read / seconds / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
