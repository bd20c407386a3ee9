#!/usr/bin/env python
"""Load benchmark: the busiest people's pages and API calls, and real writes, against gunicorn + PostgreSQL.

    python benchmarks/run.py --size small --requests 50        # CI smoke run (must finish, no time asserted)
    python benchmarks/run.py --size medium --requests 200

It creates (or reuses) a PostgreSQL database with the demo councils plus synthetic
scale data, picks the clerk, councillor, Monitoring Officer and portal administrator
with the most visible records (benchmarks/people.py), serves the app with gunicorn
(2 sync workers) and the production settings, and drives every read scenario with
ApacheBench (``ab``, another process) at concurrency 1 and 4, including two floors in
the same run: a static file and the sign-in page (a template view with a session).
Writes are the real complaint create (``POST /api/complaints/``) at concurrency 1, 4
and 16, against one council and spread across many (benchmarks/complaint_writes.py).
It prints, per scenario, requests per second, p50 and p95 latency, bytes, SQL queries
per request, the ratio to the sign-in page and the load average, and writes the same as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@dataclass
class Scenario:
    name: str
    role: str
    path: str
    username: str | None = None
    method: str = "GET"
    body: dict[str, Any] | None = None
    auth: str = "session"  # session | token | none


@dataclass
class Result:
    scenario: str
    role: str
    path: str
    requests: int
    failed: int
    non_2xx: int
    rps: float
    p50_ms: float
    p95_ms: float
    queries: int | None
    concurrency: int = 1
    bytes: int | None = None
    load_average: float | None = None
    rps_vs_sign_in: float | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(cmd: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, text=True, **kwargs)


def prepare_database(args: argparse.Namespace, env: dict[str, str]) -> None:
    import psycopg

    url = urllib.parse.urlparse(args.database_url)
    admin = url._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    name = url.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and args.fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([python, "manage.py", "load_demo"], env, stdout=subprocess.DEVNULL)
    check = subprocess.run(
        [
            python,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from roles.models import Council;print(Council.objects.filter(slug__startswith='scale-').count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    if int((check.stdout.strip().splitlines() or ["0"])[-1]) == 0:
        print(f"Generating '{args.size}' scale data ...", flush=True)
        # The generator is development tooling (devdata): it runs under the development settings, same database.
        run(
            [python, "manage.py", "generate_scale_data", "--size", args.size, "--no-progress"],
            {**env, "DJANGO_SETTINGS_MODULE": "protocol_portal.settings"},
        )
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
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
            "sync",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=1)  # noqa: S310 - loopback only
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def sign_in(base: str, username: str, password: str) -> str:
    """Sign in through the real sign-in page; return the Cookie header for later requests."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()  # noqa: S310
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    data = {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1) if token else ""}
    request = urllib.request.Request(  # noqa: S310
        f"{base}/accounts/login/",
        data=urllib.parse.urlencode(data).encode(),
        headers={"Referer": f"{base}/accounts/login/"},
    )
    opener.open(request)
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"Could not sign in as {username}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def api_token(base: str, username: str, password: str) -> str:
    request = urllib.request.Request(  # noqa: S310
        f"{base}/api/auth/token/",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"},
    )
    return json.loads(urllib.request.urlopen(request).read())["token"]  # noqa: S310


def ab(url: str, requests: int, concurrency: int, headers: list[str], body: Path | None) -> dict[str, float]:
    cmd = ["ab", "-q", "-n", str(requests), "-c", str(concurrency), "-l", "-s", "120", "-r"]
    for header in headers:
        cmd += ["-H", header]
    if body is not None:
        cmd += ["-p", str(body), "-T", "application/json"]
    completed = subprocess.run([*cmd, url], capture_output=True, text=True, check=False)  # noqa: S603
    out = completed.stdout
    if completed.returncode != 0 and "Requests per second" not in out:
        return {"rps": 0.0, "p50": 0.0, "p95": 0.0, "failed": float(requests), "non_2xx": 0.0}

    def number(pattern: str) -> float:
        match = re.search(pattern, out, re.MULTILINE)
        return float(match.group(1)) if match else 0.0

    return {
        "rps": number(r"^Requests per second:\s+([\d.]+)"),
        "p50": number(r"^\s+50%\s+(\d+)"),
        "p95": number(r"^\s+95%\s+(\d+)"),
        "failed": number(r"^Failed requests:\s+(\d+)"),
        "non_2xx": number(r"^Non-2xx responses:\s+(\d+)"),
    }


def count_queries(scenarios: list[Scenario]) -> tuple[dict[str, int | None], dict[str, int]]:
    """SQL queries and response bytes per request, measured in-process through the same views."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from knox.models import AuthToken

    from roles.models import Person

    counts: dict[str, int | None] = {}
    sizes: dict[str, int] = {}
    for scenario in scenarios:
        client = Client()
        headers: dict[str, Any] = {}
        if scenario.username and scenario.auth == "session":
            client.force_login(Person.objects.get(username=scenario.username))
        if scenario.username and scenario.auth == "token":
            _, token = AuthToken.objects.create(user=Person.objects.get(username=scenario.username))
            headers["HTTP_AUTHORIZATION"] = f"Token {token}"
        with CaptureQueriesContext(connection) as queries:
            if scenario.method == "POST":
                response = client.post(
                    scenario.path, data=json.dumps(scenario.body), content_type="application/json", **headers
                )
            else:
                response = client.get(scenario.path, **headers)
        counts[scenario.name] = len(queries) if response.status_code < 400 else None
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        sizes[scenario.name] = len(body)
    return counts, sizes


def _credentials(base: str, scenario: Scenario, cookies: dict[str, str], tokens: dict[str, str]) -> list[str]:
    password = os.environ.get("DEMO_PASSWORD", "demo-pass-2026")
    headers = []
    if scenario.username and scenario.auth == "session":
        cookies.setdefault(scenario.username, sign_in(base, scenario.username, password))
        headers.append(f"Cookie: {cookies[scenario.username]}")
    if scenario.username and scenario.auth == "token":
        tokens.setdefault(scenario.username, api_token(base, scenario.username, password))
        headers.append(f"Authorization: Token {tokens[scenario.username]}")
    return headers


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=["small", "medium", "large"], default="small")
    parser.add_argument("--requests", type=int, default=300, help="requests per read scenario and concurrency")
    parser.add_argument("--read-concurrency", default="1,4", help="comma-separated concurrency levels for reads")
    parser.add_argument("--write-requests", type=int, default=None, help="creates per write run (default --requests)")
    parser.add_argument("--write-concurrency", default="1,4,16", help="comma-separated concurrency levels for writes")
    parser.add_argument("--spread", type=int, default=50, help="councils the spread writes go to")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--database-url", default=None, help="default: postgres://postgres@127.0.0.1:5432/pp_bench_<size>"
    )
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database")
    parser.add_argument("--output", default=None, help="JSON results file (default benchmarks/results-<size>.json)")
    args = parser.parse_args()
    if shutil.which("ab") is None:
        sys.exit("ApacheBench is needed: apt-get install apache2-utils")
    args.database_url = args.database_url or f"postgres://postgres@127.0.0.1:5432/pp_bench_{args.size}"
    read_levels = [int(c) for c in args.read_concurrency.split(",")]
    write_levels = [int(c) for c in args.write_concurrency.split(",")]
    write_requests = args.write_requests or args.requests
    static_root = tempfile.mkdtemp(prefix="pp-bench-static-")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "protocol_portal.settings.production",
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(60)),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # Production needs a broker; none listens here, so publishes fail fast and wait for a sweep.
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", f"redis://127.0.0.1:{free_port()}/0"),
        # Production needs a shared cache (rate limits, cached pages): the local Redis, as deployed.
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"),
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_COOKIES": "False",
        "STATIC_ROOT": static_root,
        "API_WRITE_RATE": "1000000/min",
        "RATELIMIT_SIGN_IN": "100000/m",
        "AXES_FAILURE_LIMIT": "100000",
        "EMAIL_URL": "dummymail://",  # the notices are built and queued as usual, not printed
    }
    prepare_database(args, env)
    os.environ.update(env)
    import django

    django.setup()
    from benchmarks.complaint_writes import drive, write_bodies
    from benchmarks.people import busiest_people
    from benchmarks.scenarios import build_scenarios

    people = busiest_people()
    scenarios = build_scenarios(people)
    from benchmarks.people import portal_administrator

    bodies = write_bodies(actor=portal_administrator(), spread=args.spread)
    admin = people["administrator"].username
    write_scenario = Scenario(
        "create a complaint (API)",
        "administrator",
        "/api/complaints/",
        username=admin,
        method="POST",
        body=bodies["one council"][0],
        auth="token",
    )
    queries, sizes = count_queries([*scenarios, write_scenario])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port, args.workers)
    results: list[Result] = []
    load_at_start = _load()
    try:
        cookies: dict[str, str] = {}
        tokens: dict[str, str] = {}
        for scenario in scenarios:
            headers = _credentials(base, scenario, cookies, tokens)
            ab(f"{base}{scenario.path}", min(50, args.requests), max(read_levels), headers, None)  # warm-up
            for level in read_levels:
                figures = ab(f"{base}{scenario.path}", args.requests, level, headers, None)
                results.append(
                    Result(
                        scenario.name,
                        scenario.role,
                        scenario.path,
                        args.requests,
                        int(figures["failed"]),
                        int(figures["non_2xx"]),
                        figures["rps"],
                        figures["p50"],
                        figures["p95"],
                        queries.get(scenario.name),
                        concurrency=level,
                        bytes=sizes.get(scenario.name),
                        load_average=_load(),
                    )
                )
                print(
                    f"  {scenario.name} (c{level}): {figures['rps']:.0f} req/s, p50 {figures['p50']:.0f} ms",
                    flush=True,
                )
        token = _credentials(base, write_scenario, cookies, tokens)[0].split(": ", 1)[1]
        for target, target_bodies in bodies.items():
            if not target_bodies:
                continue
            for level in write_levels:
                figures = drive(
                    host="127.0.0.1",
                    port=port,
                    path=write_scenario.path,
                    bodies=target_bodies,
                    headers={"Authorization": token},
                    concurrency=level,
                    total=write_requests,
                )
                name = f"create a complaint, {target} ({len(target_bodies)})"
                results.append(
                    Result(
                        name,
                        "administrator",
                        write_scenario.path,
                        write_requests,
                        int(figures["errors"]),
                        int(figures["errors"]),
                        round(figures["rps"], 1),
                        round(figures["p50"]),
                        round(figures["p95"]),
                        queries.get(write_scenario.name),
                        concurrency=level,
                        load_average=_load(),
                    )
                )
                print(f"  {name} (c{level}): {figures['rps']:.1f} req/s, {figures['errors']:.0f} errors", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)
    sign_in_rps = {r.concurrency: r.rps for r in results if r.scenario == "floor: sign-in page"}
    for r in results:
        floor = sign_in_rps.get(r.concurrency)
        r.rps_vs_sign_in = round(r.rps / floor, 2) if floor else None
    header = (
        f"{'scenario':44} {'role':18} {'c':>2} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'bytes':>7} "
        f"{'SQL':>4} {'/sign-in':>8} {'errors':>6} {'load':>5}"
    )
    print(
        f"\nBenchmark: size={args.size}, {args.requests} requests per read scenario, {write_requests} per write run, "
        f"{args.workers} gunicorn workers, load average {load_at_start} at start"
    )
    print("Busiest people: " + "; ".join(f"{b.role} {b.username} sees {b.sees} {b.what}" for b in people.values()))
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.scenario:44} {r.role:18} {r.concurrency:>2} {r.rps:8.1f} {r.p50_ms:7.0f} {r.p95_ms:7.0f} "
            f"{'' if r.bytes is None else r.bytes:>7} {'' if r.queries is None else r.queries:>4} "
            f"{r.rps_vs_sign_in or 0:8.2f} {r.non_2xx:6d} "
            f"{r.load_average or 0:5.2f}"
        )
    output = Path(args.output or ROOT / "benchmarks" / f"results-{args.size}.json")
    output.write_text(
        json.dumps(
            {
                "size": args.size,
                "requests": args.requests,
                "write_requests": write_requests,
                "workers": args.workers,
                "load_average_at_start": load_at_start,
                "cpus": os.cpu_count(),
                "people": {role: asdict(b) for role, b in people.items()},
                "results": [asdict(r) for r in results],
            },
            indent=1,
        )
    )
    print(f"\nWritten {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
