#!/usr/bin/env python3
"""The peer of Hookline's template engine: pybars3 (pip install pybars3==0.9.7), Handlebars for Python.

usage: pybars_render.py CORPUS.ndjson TEMPLATE [RENDERS_OUT]

Parses the events first, compiles the template once, then times only the render loop, as
`TemplateBench render` does. The helpers the benchmark template calls are given the meaning
Hookline's have: `urlEncode` (a block, percent-encodes everything but unreserved characters) and
`defaultIfEmpty value fallback`. Prints the SHA-256 of all renders on stdout (equal output can be
checked without the files), "<N> renders/s" on stderr, and with RENDERS_OUT one render a line.
"""
import hashlib
import json
import sys
import time
import urllib.parse

from pybars import Compiler


def url_encode(this, options):
    return urllib.parse.quote(str(options["fn"](this)), safe="")


def default_if_empty(this, value, fallback):
    return fallback if value is None or value == "" else value


HELPERS = {"urlEncode": url_encode, "defaultIfEmpty": default_if_empty}


def main(argv):
    with open(argv[1], "rb") as corpus:
        events = [json.loads(line) for line in corpus if line.strip()]
    with open(argv[2]) as source:
        template = Compiler().compile(source.read())
    renders = []
    started = time.perf_counter()
    for event in events:
        renders.append(str(template(event, helpers=HELPERS)))
    seconds = time.perf_counter() - started
    digest = hashlib.sha256()
    for text in renders:
        digest.update(text.encode())
    if len(argv) > 3:
        with open(argv[3], "w") as out:
            out.write("\n".join(renders) + "\n")
    print(digest.hexdigest())
    print("pybars3: %d renders in %.3f s, %.0f renders/s" % (len(events), seconds, len(events) / seconds), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
