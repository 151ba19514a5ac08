"""The benchmarks' inputs: corpora from `make_corpus.py` and the peer scripts in `peers/`, all in this folder."""
import hashlib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "make_corpus.py")


def peer(name):
    """The path of a peer harness script in Benchmarks/peers."""
    return os.path.join(HERE, "peers", name)


def corpus(work, events):
    """A corpus of `make_corpus.py EVENTS` (seed 7) in WORK, made once and reused. The file name
    carries a digest of the generator, so a changed generator never reuses an old corpus."""
    with open(GENERATOR, "rb") as source:
        version = hashlib.sha256(source.read()).hexdigest()[:10]
    path = os.path.join(work, f"corpus-{events}-{version}.ndjson")
    if not os.path.exists(path):
        partial = path + ".partial"
        subprocess.run([sys.executable, GENERATOR, str(events), partial], check=True)
        os.replace(partial, path)
    return path
