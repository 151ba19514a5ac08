#!/usr/bin/env python3
"""Several `hookline run` processes on one PostgreSQL store: ingest and end to end, 1 vs 2 runners.

usage: postgres_bench.py BIN_DIR WORKDIR      (HOOKLINE_TEST_POSTGRES_URL names the server; writes Markdown)
For N in 1, 2: a fresh database, a loopback sink, N runners on the database. One wrk per runner
(-t2 -c64, PG_BENCH_SECONDS, default 10) POSTs ~200-byte Iterable system webhooks (unique ids);
the summed 202/s is the ingest rate. The runners deliver while they ingest; after the load the
script waits until no run is pending. End to end = runs delivered / (first POST .. last run
delivered); drain = the backlog left when the load stopped / the time to deliver it.
The sink is BenchSink when built (Benchmarks/BenchSink), else this file's asyncio sink.
"""
import asyncio, json, os, re, socket, subprocess, sys, time, urllib.request
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

HERE = os.path.dirname(os.path.abspath(__file__))
PENDING = "('queued','running','retrying')"


def sink_main(port):
    """A minimal HTTP/1.1 keep-alive sink: POST -> 200 {}; GET /stats -> {"requests": N}."""
    count = 0

    async def handle(reader, writer):
        nonlocal count
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                length = 0
                for line in lines[1:]:
                    if line.lower().startswith("content-length:"):
                        length = int(line.split(":", 1)[1])
                if length:
                    await reader.readexactly(length)
                if lines[0].startswith("GET /stats"):
                    body = json.dumps({"requests": count}).encode()
                else:
                    count += 1
                    body = b"{}"
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def serve():
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port}")


def psql(url, sql):
    return subprocess.run(["psql", url, "-qAtc", sql], check=True, capture_output=True, text=True).stdout.strip()


def with_database(server_url, name):
    psql(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(server_url, f"CREATE DATABASE {name}")
    base, _, _ = server_url.rpartition("/")
    return f"{base}/{name}?sslmode=disable"


def start_sink(bin_dir):
    port = free_port()
    bench_sink = os.path.join(bin_dir, "BenchSink")
    if os.path.exists(bench_sink):
        args, kind = [bench_sink, "--port", str(port)], "BenchSink"
    else:
        args, kind = [sys.executable, os.path.abspath(__file__), "--sink", str(port)], "asyncio sink (postgres_bench.py)"
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process)
    return process, port, kind


def sink_count(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=10) as response:
        return json.loads(response.read())["requests"]


def wrk(port, seconds, prefix):
    return subprocess.Popen(["wrk", "-t2", "-c64", f"-d{seconds}s", "--timeout", "10s", "-s",
                             os.path.join(HERE, "inputs", "postgres-post.lua"), f"http://127.0.0.1:{port}/hooks/bench", "--", prefix],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def parse_wrk(out):
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    duration = float(re.search(r"requests in ([\d.]+)s", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"requests": requests, "seconds": duration, "non2xx": int(bad.group(1)) if bad else 0,
            "errors": errors.group(1) if errors else "", "latency": re.search(r"Latency\s+(\S+)", out).group(1)}


def run(bin_dir, work, server_url, runners, seconds):
    store = with_database(server_url, f"hookline_bench_{runners}")
    sink, sink_port, sink_kind = start_sink(bin_dir)
    processes = []
    try:
        for index in range(runners):
            port = free_port()
            log = open(os.path.join(work, f"pg-runner-{runners}-{index}.log"), "w")
            process = subprocess.Popen([os.path.join(bin_dir, "hookline"), "run", os.path.join(HERE, "inputs", "postgres-runner.yaml"),
                                        "--listen", f"127.0.0.1:{port}", "--store", store, "--log-level", "warning"],
                                       stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "SINK_URL": f"http://127.0.0.1:{sink_port}"})
            wait_for_port(port, process)
            processes.append((process, port))
        started = time.time()
        loads = [wrk(port, seconds, f"r{index}") for index, (_, port) in enumerate(processes)]
        results = [parse_wrk(load.communicate()[0]) for load in loads]
        load_end = time.time()
        backlog = int(psql(store, f"SELECT count(*) FROM runs WHERE status IN {PENDING}"))
        while int(psql(store, f"SELECT count(*) FROM runs WHERE status IN {PENDING}")) > 0:
            if time.time() - load_end > 300:
                raise RuntimeError("the backlog did not drain in 300 s")
            time.sleep(0.2)
        done = time.time()
        stored = int(psql(store, "SELECT count(*) FROM runs"))
        succeeded = int(psql(store, "SELECT count(*) FROM runs WHERE status = 'succeeded'"))
        delivered = sink_count(sink_port)
        accepted = sum(r["requests"] - r["non2xx"] for r in results)
        return {
            "runners": runners, "sink": sink_kind,
            "ingest": sum((r["requests"] - r["non2xx"]) / r["seconds"] for r in results),
            "accepted": accepted, "non2xx": sum(r["non2xx"] for r in results), "errors": "; ".join(r["errors"] for r in results if r["errors"]),
            "latency": ", ".join(r["latency"] for r in results),
            "stored": stored, "succeeded": succeeded, "delivered": delivered,
            "e2e": succeeded / (done - started), "backlog": backlog, "drain": backlog / (done - load_end) if backlog else float("nan"),
            "drain_seconds": done - load_end,
        }
    finally:
        for process, _ in processes:
            process.terminate()
        for process, _ in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        sink.terminate()
        sink.wait()


def main():
    if sys.argv[1:2] == ["--sink"]:
        sink_main(int(sys.argv[2]))
        return
    bin_dir, work = sys.argv[1], sys.argv[2]
    server_url = os.environ["HOOKLINE_TEST_POSTGRES_URL"]
    seconds = int(os.environ.get("PG_BENCH_SECONDS", "10"))
    from machine import describe
    results = [run(bin_dir, work, server_url, n, seconds) for n in (1, 2)]
    one, two = results
    version = psql(server_url, "SHOW server_version")
    fsync = psql(server_url, "SHOW fsync")
    build = "release build" if "release" in os.path.realpath(bin_dir) else f"**debug build** ({bin_dir}; not representative)"
    synchronous_commit = psql(server_url, "SHOW synchronous_commit")
    print("## PostgreSQL store: several runners\n")
    print(describe())
    print(f"\nPostgreSQL {version} on the same machine (private cluster from `.ci/postgres.sh`, fsync {fsync}, synchronous_commit {synchronous_commit}); "
          f"{build}; sink: {one['sink']}; wrk -t2 -c64 -d{seconds}s per runner, ~200-byte events, unique webhook ids. "
          f"The runners deliver while they ingest (32 workers each). "
          f"*accepted* counts the 202s wrk saw; *stored* also has the requests still in flight when wrk stopped.\n")
    print("| runners | ingest (202/s) | accepted | non-2xx | wrk latency avg | stored runs | delivered (sink) | end to end (runs/s) | backlog at load end | drain (runs/s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['runners']} | {r['ingest']:,.0f} | {r['accepted']:,} | {r['non2xx']} | {r['latency']} | {r['stored']:,} | {r['delivered']:,} | "
              f"{r['e2e']:,.0f} | {r['backlog']:,} | {r['drain']:,.0f} |")
    print(f"\nScaling, 2 runners / 1 runner: ingest **{two['ingest'] / one['ingest']:.2f}×**, end to end **{two['e2e'] / one['e2e']:.2f}×**"
          + (f", drain **{two['drain'] / one['drain']:.2f}×**" if one['backlog'] and two['backlog'] else "") + ".")
    if any(r["errors"] for r in results):
        print(f"\nwrk socket errors: {'; '.join(r['errors'] for r in results if r['errors'])}")
    print("\nAll runners, PostgreSQL, wrk and the sink share this machine's cores, so a second runner process adds "
          "parallelism only where a core is idle; on more cores (or PostgreSQL on its own host) the ratio is the one to watch.")


if __name__ == "__main__":
    main()
