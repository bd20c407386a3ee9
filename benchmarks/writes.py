#!/usr/bin/env python
"""Write benchmark: complaints logged per second through the API at concurrency 1, 4 and 16,
with the Celery broker up (a redis-server and a worker started here) and down.

    python benchmarks/writes.py                                  # 10 s per level
    python benchmarks/writes.py --seconds 30 --database-url postgres://postgres@127.0.0.1:5432/pp_bench_writes

It creates (or reuses) a PostgreSQL database with the demo data, serves the app with
gunicorn (threaded workers) and the production settings, and drives
``POST /api/complaints/`` with ApacheBench for a fixed time per level. It prints, per
broker state and concurrency, complaints per second, p50/p95 latency and the share of
answers that were not 201 (a lost race answers 409), and writes the same as JSON.
Writes per second should grow with concurrency: no request waits on a shared lock.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BODY = {
    "council": "leighton-linslade",
    "complainant": "ll-councillor-1",
    "subject": "ll-officer-1",
    "summary": "No reply to enquiries",
    "details": "Three e-mails about the allotments were not answered.",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare_database(url: str, env: dict[str, str], fresh: bool) -> None:
    import psycopg

    parsed = urllib.parse.urlparse(url)
    admin = parsed._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    name = parsed.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")


def start_gunicorn(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "protocol_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=1)  # noqa: S310 - loopback only
            return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError("gunicorn did not start")


def api_token(base: str, username: str, password: str) -> str:
    request = urllib.request.Request(  # noqa: S310 - loopback only
        f"{base}/api/auth/token/",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"},
    )
    return str(json.loads(urllib.request.urlopen(request).read())["token"])  # noqa: S310


def ab(url: str, seconds: float, concurrency: int, token: str, body: Path) -> dict[str, float]:
    cmd = ["ab", "-q", "-t", str(seconds), "-n", "1000000", "-c", str(concurrency), "-l", "-s", "120", "-r"]
    cmd += ["-H", f"Authorization: Token {token}", "-p", str(body), "-T", "application/json"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=False).stdout  # noqa: S603

    def number(pattern: str) -> float:
        match = re.search(pattern, out, re.MULTILINE)
        return float(match.group(1)) if match else 0.0

    return {
        "requests": number(r"^Complete requests:\s+(\d+)"),
        "rps": number(r"^Requests per second:\s+([\d.]+)"),
        "p50_ms": number(r"^\s+50%\s+(\d+)"),
        "p95_ms": number(r"^\s+95%\s+(\d+)"),
        "failed": number(r"^Failed requests:\s+(\d+)"),
        "non_2xx": number(r"^Non-2xx responses:\s+(\d+)"),
    }


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "protocol_portal", "worker", "--pool=solo", "--concurrency=1"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/pp_bench_writes")
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per concurrency level")
    parser.add_argument("--levels", default="1,4,16", help="comma-separated concurrency levels")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "results-writes.json"))
    args = parser.parse_args()
    if shutil.which("ab") is None or shutil.which("redis-server") is None:
        sys.exit("ApacheBench and redis-server are needed: apt-get install apache2-utils redis-server")
    levels = [int(n) for n in args.levels.split(",")]
    scratch = Path(tempfile.mkdtemp(prefix="pp-bench-writes-"))
    redis_port = free_port()
    base_env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "protocol_portal.settings.production",
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(60)),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_COOKIES": "False",
        "STATIC_ROOT": str(scratch / "static"),
        "AUDIT_CHECKPOINT_DIR": str(scratch / "checkpoints"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
        "API_WRITE_RATE": "1000000/min",
        "EMAIL_URL": "dummymail://",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/1",  # production needs a shared cache
    }
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(redis_port)
    processes: list[subprocess.Popen] = [redis]
    results: list[dict[str, Any]] = []
    body = scratch / "complaint.json"
    body.write_text(json.dumps(BODY))
    try:
        print("Preparing the database ...", flush=True)
        prepare_database(args.database_url, base_env, args.fresh)
        for broker in ("up", "down"):
            env = dict(base_env)
            if broker == "down":
                env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
            worker = start_worker(env) if broker == "up" else None
            port = free_port()
            server = start_gunicorn(env, port, args.workers, args.threads)
            processes += [p for p in (worker, server) if p is not None]
            base = f"http://127.0.0.1:{port}"
            token = api_token(base, "ll-town-clerk", os.environ.get("DEMO_PASSWORD", "demo-pass-2026"))
            ab(f"{base}/api/complaints/", 2, 2, token, body)  # warm up every worker
            for concurrency in levels:
                figures = ab(f"{base}/api/complaints/", args.seconds, concurrency, token, body)
                row = {"broker": broker, "concurrency": concurrency, **figures}
                results.append(row)
                print(
                    f"broker {broker:4}  concurrency {concurrency:2}: {figures['rps']:6.1f} complaints/s  "
                    f"p50 {figures['p50_ms']:5.0f} ms  p95 {figures['p95_ms']:5.0f} ms  "
                    f"non-201 {figures['non_2xx']:.0f} of {figures['requests']:.0f}",
                    flush=True,
                )
            stop(server)
            if worker is not None:
                stop(worker)
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                stop(process)
        shutil.rmtree(scratch, ignore_errors=True)
    Path(args.output).write_text(json.dumps({"seconds": args.seconds, "results": results}, indent=2) + "\n")
    print(f"Results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
