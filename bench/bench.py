#!/usr/bin/env python3
"""Middleman benchmark: push, batch push, drain and latency on MariaDB and in memory.

Run it through bench/run, which builds the jar and installs nginx and wrk. Everything listens on
127.0.0.1; every phase is bounded in time and count.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, "middleman-server", "target")
MARIADB = os.path.join(ROOT, ".ci", "mariadb")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout, what, every=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    raise RuntimeError(f"timed out after {timeout}s waiting for {what}")


class Api:
    """A keep-alive JSON client of one Middleman daemon."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt:
                    raise
        if response.status != 200:
            raise RuntimeError(f"{method} {path} -> {response.status}: {payload[:300]!r}")
        return json.loads(payload) if payload else None

    def healthy(self):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
            conn.request("GET", "/health")
            return conn.getresponse().status == 200
        except OSError:
            return False


class Nginx:
    """The worker: answers every POST with {"status":"success"} and logs arrival times."""

    def __init__(self, workdir):
        self.dir = os.path.join(workdir, "nginx")
        os.makedirs(os.path.join(self.dir, "logs"))
        self.port = free_port()
        self.log = os.path.join(self.dir, "logs", "arrivals.log")
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""
worker_processes 1;
daemon off;
error_log {self.dir}/logs/error.log warn;
pid {self.dir}/nginx.pid;
events {{ worker_connections 4096; }}
http {{
  log_format arrival '$msec $request_uri';
  access_log off;
  client_body_temp_path {self.dir}/body;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  server {{
    listen 127.0.0.1:{self.port} backlog=4096;
    default_type application/json;
    location /timed/ {{
      access_log {self.log} arrival;
      return 200 '{{"status":"success","message":"ok"}}';
    }}
    location / {{
      return 200 '{{"status":"success","message":"ok"}}';
    }}
  }}
}}
""")
        self.process = subprocess.Popen(["nginx", "-p", self.dir, "-c", conf],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self._answers, 10, "nginx")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def _answers(self):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
            conn.request("POST", "/", body=b"{}")
            return conn.getresponse().status == 200
        except OSError:
            return False

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class MariaDb:
    """A throwaway MariaDB with default durability, made by .ci/mariadb."""

    def __init__(self, workdir):
        self.dir = os.path.join(workdir, "mariadb")
        self.port = free_port()
        subprocess.run([MARIADB, "init", self.dir, str(self.port)], check=True)
        self.dsn = f"middleman:middleman-ci@tcp(127.0.0.1:{self.port})/middleman_test"

    def settings(self):
        query = ("SELECT @@version, @@innodb_flush_log_at_trx_commit, @@sync_binlog, @@log_bin, "
                 "@@innodb_buffer_pool_size, @@innodb_log_file_size, @@max_connections")
        out = subprocess.run(["mariadb", "--no-defaults", f"--socket={self.dir}/mysqld.sock", "-uroot",
                              "-N", "-B", "-e", query], check=True, capture_output=True, text=True)
        names = ["version", "innodb_flush_log_at_trx_commit", "sync_binlog", "log_bin",
                 "innodb_buffer_pool_size", "innodb_log_file_size", "max_connections"]
        return dict(zip(names, out.stdout.strip().split("\t")))

    COUNTERS = ("Questions", "Com_insert", "Com_select", "Com_update", "Com_delete", "Com_commit",
                "Innodb_log_writes", "Innodb_data_fsyncs")

    def status(self):
        """Server-wide counters: how many statements and log fsyncs a phase cost the database."""
        names = ",".join(f"'{c}'" for c in self.COUNTERS)
        out = subprocess.run(["mariadb", "--no-defaults", f"--socket={self.dir}/mysqld.sock", "-uroot",
                              "-N", "-B", "-e", f"SHOW GLOBAL STATUS WHERE Variable_name IN ({names})"],
                             check=True, capture_output=True, text=True)
        return {name: int(value) for name, value in (line.split("\t") for line in out.stdout.splitlines())}

    def stop(self):
        subprocess.run([MARIADB, "stop", self.dir], check=False)


class DatabaseCost:
    """The database's statements and log fsyncs per 1,000 jobs over one phase (MariaDB only)."""

    def __init__(self, mariadb):
        self.mariadb = mariadb
        self.before = mariadb.status() if mariadb else None

    def per_1000(self, jobs):
        if not self.mariadb:
            return None
        after = self.mariadb.status()
        return {name.lower(): round((after[name] - self.before[name]) / jobs * 1000, 1)
                for name in MariaDb.COUNTERS}


def unpack_release(workdir):
    """The release archive as shipped, unpacked: its launcher and jar are what the bench runs."""
    archives = [f for f in os.listdir(RELEASE) if f.startswith("middleman-") and f.endswith(".tar.gz")]
    if len(archives) != 1:
        raise RuntimeError(f"expected one release archive in {RELEASE}, found {archives}; build with ./mvnw package")
    subprocess.run(["tar", "-xzf", os.path.join(RELEASE, archives[0]), "-C", workdir], check=True)
    return os.path.join(workdir, archives[0][:-len(".tar.gz")], "middleman")


class Daemon:
    """The release's launcher (which execs the JVM) as its own process, its peak RSS sampled."""

    def __init__(self, workdir, launcher, driver_env, java_opts, jfr):
        self.port = free_port()
        self.dir = os.path.join(workdir, f"daemon-{self.port}")
        os.makedirs(self.dir)
        env = dict(os.environ)
        env.update(driver_env)
        if jfr:
            java_opts = (java_opts + f" -XX:StartFlightRecording=filename={jfr},settings=profile,dumponexit=true").strip()
        if java_opts:
            env["MIDDLEMAN_JAVA_OPTS"] = java_opts
        else:
            env.pop("MIDDLEMAN_JAVA_OPTS", None)
        env.update({
            "MIDDLEMAN_BIND": f"127.0.0.1:{self.port}",
            "MIDDLEMAN_KEEP_ALIVE": "true",
            "MIDDLEMAN_DISPATCH_KEEP_ALIVE": "true",
            "MIDDLEMAN_DISPATCH_MAX_CONNS_PER_HOST": "100",
            "MIDDLEMAN_ACCESS_LOG": os.path.join(self.dir, "access.log"),
            "MIDDLEMAN_QUEUE_LOG": os.path.join(self.dir, "queue.log"),
            "MIDDLEMAN_ERROR_LOG": os.path.join(self.dir, "error.log"),
        })
        self.process = subprocess.Popen([launcher], env=env, cwd=self.dir,
                                        stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.dir, "stderr"), "w"))
        self.api = Api(self.port)
        wait_until(self.api.healthy, 60, "the daemon to answer /health")
        self.peak_rss_kib = 0
        self._sampling = True
        self._sampler = threading.Thread(target=self._sample_rss, daemon=True)
        self._sampler.start()

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def _rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def _sample_rss(self):
        while self._sampling and self.process.poll() is None:
            self.peak_rss_kib = max(self.peak_rss_kib, self._rss_kib())
            time.sleep(0.1)

    def stop(self):
        self._sampling = False
        self.process.terminate()
        code = self.process.wait(60)
        if code != 0:
            raise RuntimeError(f"daemon exited {code}; see {self.dir}/stderr")


WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = %s
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\\"requests\\":%%d,\\"duration_us\\":%%d,\\"non2xx\\":%%d,\\"connect\\":%%d,\\"read\\":%%d,\\"write\\":%%d,\\"timeout\\":%%d,\\"p50_us\\":%%d,\\"p99_us\\":%%d}\\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def wrk(workdir, url, body, connections, seconds):
    script = os.path.join(workdir, "wrk.lua")
    with open(script, "w") as f:
        f.write(WRK_SCRIPT % lua_string(body))
    threads = min(2, connections)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
                          "--timeout", "10s", "-s", script, url],
                         check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    match = re.search(r"^RESULT (.*)$", out, re.M)
    if not match:
        raise RuntimeError("wrk printed no result:\n" + out)
    result = json.loads(match.group(1))
    errors = sum(result[k] for k in ("non2xx", "connect", "read", "write", "timeout"))
    if errors:
        raise RuntimeError(f"wrk saw {errors} failed requests: {result}")
    return result


def lua_string(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def put_queue(api, name, **fields):
    api.call("PUT", f"/queue/{name}", fields)
    api.call("PUT", f"/routing/{name}", {"queue_name": name})


def measure_push(daemon, workdir, nginx, connections, seconds, mariadb):
    put_queue(daemon.api, "push", max_workers=20)
    body = json.dumps({"url": nginx.url("/push"), "payload": {"n": 1}, "run_after": 86400})
    cpu_before = daemon.cpu_seconds()
    db = DatabaseCost(mariadb)
    result = wrk(workdir, f"http://127.0.0.1:{daemon.port}/job/push", body, connections, seconds)
    cpu = daemon.cpu_seconds() - cpu_before
    jobs_per_s = result["requests"] / (result["duration_us"] / 1e6)
    return {"connections": connections, "jobs_per_s": round(jobs_per_s),
            "p50_ms": round(result["p50_us"] / 1000, 2), "p99_ms": round(result["p99_us"] / 1000, 2),
            "cpu_s_per_1000": round(cpu / result["requests"] * 1000, 3),
            "db_per_1000": db.per_1000(result["requests"])}


def measure_batch_push(daemon, workdir, nginx, batch, connections, seconds):
    put_queue(daemon.api, "batch", max_workers=20)
    job = {"category": "batch", "url": nginx.url("/batch"), "payload": {"n": 1}, "run_after": 86400}
    result = wrk(workdir, f"http://127.0.0.1:{daemon.port}/jobs", json.dumps([job] * batch),
                 connections, seconds)
    requests_per_s = result["requests"] / (result["duration_us"] / 1e6)
    return {"batch": batch, "connections": connections, "jobs_per_s": round(requests_per_s * batch),
            "p50_ms": round(result["p50_us"] / 1000, 2), "p99_ms": round(result["p99_us"] / 1000, 2)}


def measure_drain(daemon, nginx, jobs, mariadb):
    # A throttle of one dispatch per ~3 hours holds the queue back while the backlog is pushed.
    put_queue(daemon.api, "drain", max_workers=100, max_dispatches_per_second=0.0001, max_burst_size=1)
    job = {"category": "drain", "url": nginx.url("/drain"), "payload": {"n": 1}}
    for start in range(0, jobs, 500):
        daemon.api.call("POST", "/jobs", [job] * min(500, jobs - start))
    outstanding = lambda: daemon.api.call("GET", "/queue/drain/stats")["outstanding_jobs"]
    backlog = outstanding()
    cpu_before = daemon.cpu_seconds()
    db = DatabaseCost(mariadb)
    started = time.monotonic()
    daemon.api.call("PUT", "/queue/drain", {"max_workers": 100})
    # Each poll counts the queue's rows in MariaDB, on the cores being measured: ask every 100 ms
    # (at most 0.1 s, a few per cent, added to the measured time).
    wait_until(lambda: outstanding() == 0, 600, "the backlog to drain", every=0.1)
    elapsed = time.monotonic() - started
    cpu = daemon.cpu_seconds() - cpu_before
    return {"jobs": backlog, "seconds": round(elapsed, 2), "jobs_per_s": round(backlog / elapsed),
            "cpu_s_per_1000": round(cpu / backlog * 1000, 3), "db_per_1000": db.per_1000(backlog)}


def measure_latency(daemon, nginx, jobs):
    put_queue(daemon.api, "latency")  # default polling interval and workers
    arrivals = {}
    offset = 0
    samples = []
    for i in range(jobs):
        path = f"/timed/{daemon.port}/{i}"
        sent = time.time()
        daemon.api.call("POST", "/job/latency", {"url": nginx.url(path), "payload": {"i": i}})
        deadline = time.monotonic() + 10
        while path not in arrivals:
            if time.monotonic() > deadline:
                raise RuntimeError(f"job {i} did not reach the worker within 10 s")
            with open(nginx.log) as f:
                f.seek(offset)
                chunk = f.read()
            complete = chunk[:chunk.rfind("\n") + 1]
            offset += len(complete)
            for line in complete.splitlines():
                stamp, uri = line.split(" ", 1)
                arrivals[uri] = float(stamp)
            if path not in arrivals:
                time.sleep(0.0005)
        samples.append((arrivals[path] - sent) * 1000)
        time.sleep(0.01)
    samples.sort()
    return {"jobs": jobs, "p50_ms": round(percentile(samples, 50), 2),
            "p99_ms": round(percentile(samples, 99), 2), "max_ms": round(samples[-1], 2)}


def percentile(sorted_samples, p):
    index = min(len(sorted_samples) - 1, max(0, round(p / 100 * len(sorted_samples)) - 1))
    return sorted_samples[index]


def run_driver(name, driver_env, args, workdir, nginx, launcher, java_opts="", mariadb=None):
    print(f"[bench] {name}: starting the daemon", flush=True)
    jfr = os.path.join(args.jfr, f"{name}.jfr") if args.jfr else None
    java_opts = (java_opts + " " + args.java_opts).strip()
    daemon = Daemon(workdir, launcher, driver_env, java_opts, jfr)
    try:
        # What else was running: the figures mean little without it on a shared machine.
        result = {"java_opts": java_opts, "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
                  "push": []}
        if "push" in args.phases:
            for connections in args.connections:
                print(f"[bench] {name}: push with {connections} connections for {args.seconds}s", flush=True)
                result["push"].append(measure_push(daemon, workdir, nginx, connections, args.seconds, mariadb))
        if "batch" in args.phases:
            print(f"[bench] {name}: batch push", flush=True)
            result["batch_push"] = measure_batch_push(daemon, workdir, nginx, 100, 8, args.seconds)
        if "drain" in args.phases:
            print(f"[bench] {name}: drain {args.drain_jobs} jobs", flush=True)
            result["drain"] = measure_drain(daemon, nginx, args.drain_jobs, mariadb)
        if "latency" in args.phases:
            print(f"[bench] {name}: latency over {args.latency_jobs} jobs", flush=True)
            result["latency"] = measure_latency(daemon, nginx, args.latency_jobs)
        result["peak_rss_mib"] = round(daemon.peak_rss_kib / 1024, 1)
        result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        daemon.stop()
    return result


def machine():
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    with open("/proc/cpuinfo") as f:
        model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
    return {"cores": os.cpu_count(), "memory_gib": round(mem_kib / 1024 / 1024, 1), "cpu": model,
            "shared_by": "the daemon, MariaDB, nginx (the worker) and the load client all run on these cores"}


DOCS = os.path.join(ROOT, "docs", "performance.md")
DEFAULT_OUT = os.path.join(ROOT, "bench", "results.json")
PHASES = ("push", "batch", "drain", "latency")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def render(summary):
    m = summary["machine"]
    lines = [BEGIN, "",
             f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB; {m['shared_by']}.", ""]
    if "mariadb" in summary:
        db = summary["mariadb"]
        lines += ["MariaDB " + db["version"] + ": " + ", ".join(
            f"`{k}={v}`" for k, v in db.items() if k != "version") + " (defaults of .ci/mariadb).", ""]
    lines += ["| driver | push C=8 | push C=32 | push C=128 | batch push (100/request, C=8) | drain | push-to-worker latency | peak RSS |",
              "|---|---|---|---|---|---|---|---|"]
    for driver, r in summary["results"].items():
        push = {p["connections"]: p for p in r["push"]}
        cells = [f"{p['jobs_per_s']}/s, p50 {p['p50_ms']} ms, p99 {p['p99_ms']} ms" if p else "-"
                 for p in (push.get(c) for c in (8, 32, 128))]
        b, d, l = r["batch_push"], r["drain"], r["latency"]
        lines.append(f"| {driver} | " + " | ".join(cells) +
                     f" | {b['jobs_per_s']} jobs/s | {d['jobs_per_s']} jobs/s ({d['jobs']} jobs in {d['seconds']} s)"
                     f" | p50 {l['p50_ms']} ms, p99 {l['p99_ms']} ms ({l['jobs']} jobs) | {r['peak_rss_mib']} MiB |")
    lines += ["", "CPU seconds of the daemon per 1,000 jobs:", ""]
    for driver, r in summary["results"].items():
        per_push = ", ".join(f"C={p['connections']}: {p['cpu_s_per_1000']} s" for p in r["push"])
        lines.append(f"- {driver}: push {per_push}; drain {r['drain']['cpu_s_per_1000']} s")
    mysql = summary["results"].get("mysql")
    if mysql:
        lines += ["", "MariaDB's work per 1,000 jobs (server status counters over the phase):", ""]
        phases = [(f"push C={p['connections']}", p["db_per_1000"]) for p in mysql["push"]]
        phases.append(("drain", mysql["drain"]["db_per_1000"]))
        for name, db in phases:
            lines.append(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in db.items()))
    lines += ["", "Load average (1, 5, 15 min) when each driver's run started and ended: " + "; ".join(
        f"{driver}: {r.get('load_average_at_start')} → {r.get('load_average_at_end')}"
        for driver, r in summary["results"].items()) + "."]
    lines += ["", "JVM options given to the launcher on top of its defaults: " + "; ".join(
        f"{driver}: `{r['java_opts'] or 'none'}`" for driver, r in summary["results"].items()) + "."]
    lines += ["", END]
    return "\n".join(lines)


def update_docs(summary):
    with open(DOCS) as f:
        text = f.read()
    start, end = text.index(BEGIN), text.index(END) + len(END)
    with open(DOCS, "w") as f:
        f.write(text[:start] + render(summary) + text[end:])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny counts and times, to prove it runs")
    parser.add_argument("--driver", choices=["mysql", "in-memory", "both"], default="both")
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--phases", default=",".join(PHASES),
                        help="comma-separated subset of " + ",".join(PHASES) + "; docs are updated only by a full run of all")
    parser.add_argument("--connections", help="comma-separated client counts of the push phase")
    parser.add_argument("--seconds", type=int, help="length of each push phase")
    parser.add_argument("--java-opts", default=os.environ.get("MIDDLEMAN_JAVA_OPTS", ""),
                        help="extra JVM options for the daemon (MIDDLEMAN_JAVA_OPTS); none by default, so the"
                             " launcher's defaults are what is measured")
    parser.add_argument("--jfr", metavar="DIR", help="record a JFR profile of each daemon into DIR/<driver>.jfr")
    args = parser.parse_args()
    args.phases = [p for p in args.phases.split(",") if p]
    unknown = set(args.phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases {sorted(unknown)}")
    custom = args.phases != list(PHASES) or args.connections or args.seconds or args.java_opts or args.jfr
    args.connections = ([int(c) for c in args.connections.split(",")] if args.connections
                        else [8, 32] if args.smoke else [8, 32, 128])
    args.seconds = args.seconds or (2 if args.smoke else 10)
    if args.jfr:
        os.makedirs(args.jfr, exist_ok=True)
        args.jfr = os.path.abspath(args.jfr)
    args.drain_jobs = 500 if args.smoke else 20000
    args.latency_jobs = 20 if args.smoke else 300

    workdir = tempfile.mkdtemp(prefix="middleman-bench-")
    launcher = unpack_release(workdir)
    nginx = Nginx(workdir)
    mariadb = None
    summary = {"smoke": args.smoke, "machine": machine(), "java_opts": args.java_opts, "results": {}}
    try:
        if args.driver in ("mysql", "both"):
            mariadb = MariaDb(workdir)
            summary["mariadb"] = mariadb.settings()
            summary["results"]["mysql"] = run_driver(
                "mysql", {"MIDDLEMAN_MYSQL_DSN": mariadb.dsn}, args, workdir, nginx, launcher, mariadb=mariadb)
        if args.driver in ("in-memory", "both"):
            # The in-memory driver keeps every job on the heap, and the push phases leave about a
            # million deferred jobs there: the launcher's default heap is sized for MySQL.
            summary["results"]["in-memory"] = run_driver("in-memory", {}, args, workdir, nginx, launcher,
                                                         java_opts="-Xmx1g")
    finally:
        nginx.stop()
        if mariadb:
            mariadb.stop()
    if custom and args.out == DEFAULT_OUT:
        args.out = os.path.join(workdir, "..", os.path.basename(workdir) + "-results.json")
    with open(args.out, "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary, indent=2))
    print(f"[bench] summary written to {os.path.abspath(args.out)}")
    if not args.smoke and not custom:
        update_docs(summary)
        print(f"[bench] figures written to {DOCS}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
