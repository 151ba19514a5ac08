"""Processes the ingest and e2e benchmarks start: BenchServer, BenchSink, `hookline run`, wrk; and what they report."""
import json, os, re, socket, subprocess, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
POST_SCRIPT = os.path.join(HERE, "inputs", "post-event.lua")
RUNNER_CONFIG = os.path.join(HERE, "inputs", "bench-runner.yaml")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port} after {timeout} s")


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


class Process:
    """A server process, stopped (SIGTERM, then SIGKILL) when the `with` block ends."""

    def __init__(self, args, port, env=None, log=None):
        self.port = port
        self.log = open(log or os.devnull, "w")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        wait_for_port(port, self.process)

    @property
    def pid(self):
        return self.process.pid

    def peak_rss_mb(self):
        for line in open(f"/proc/{self.pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self):
        fields = open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def bench_server(bin_dir):
    port = free_port()
    return Process([os.path.join(bin_dir, "BenchServer"), "--port", str(port)], port)


def sink(bin_dir):
    """The loopback sink runs deliver to: BenchSink (BenchServer's API on SwiftNIO alone, so the sink takes as
    little of the cores the runner shares with it as it can)."""
    port = free_port()
    return Process([os.path.join(bin_dir, "BenchSink"), "--port", str(port)], port)


def runner(bin_dir, store, sink_port, log, config=RUNNER_CONFIG):
    port = free_port()
    return Process([os.path.join(bin_dir, "hookline"), "run", config, "--listen", f"127.0.0.1:{port}",
                    "--store", f"sqlite:{store}", "--log-level", "warning"],
                   port, env={"SINK_URL": f"http://127.0.0.1:{sink_port}"}, log=log)


def wrk(url, seconds, connections=64, threads=2, rate=None):
    """Runs wrk with the POST script; returns its RESULT line's numbers plus req/s."""
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", POST_SCRIPT, url]
    if rate:
        args += ["--", str(rate), str(threads)]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    line = re.search(r"^RESULT (.*)$", out, re.M)
    if not line:
        raise RuntimeError("wrk printed no RESULT line:\n" + out)
    result = {k: int(v) for k, v in (item.split("=") for item in line.group(1).split())}
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def store_counts(store):
    """Runs by status, read from the SQLite file (WAL: readers do not block the runner)."""
    import sqlite3
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=10)
    try:
        return dict(db.execute("SELECT status, COUNT(*) FROM runs GROUP BY status").fetchall())
    finally:
        db.close()


def remove_store(store):
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(store + suffix)
        except FileNotFoundError:
            pass


def config_with_workers(work, workers):
    """The benchmark config with `delivery.workers: WORKERS` (0: the runner stores and answers, delivers nothing)."""
    path = os.path.join(work, f"bench-runner-workers-{workers}.yaml")
    with open(RUNNER_CONFIG) as source, open(path, "w") as out:
        out.write(source.read() + f"delivery: {{workers: {workers}}}\n")
    return path


def ingest_only_config(work):
    """The benchmark config with `delivery.workers: 0`: the runner stores and answers, delivers nothing."""
    return config_with_workers(work, 0)
