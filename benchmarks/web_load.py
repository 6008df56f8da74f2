"""Load on the web app: 20 simulated appraisers for 60 s on the demo, loopback only.

Builds the demo in a temporary folder (SQLite, or DATABASE_URL if set), starts the app on
127.0.0.1 with production settings (DEBUG off), signs 20 appraiser sessions in, and has
each loop for ``--seconds``: open the appraisal queue, open a field's appraisal page, and
every fourth time save a decision on a leaf, reading for ``--think`` seconds on average
before the next round (people read what they open). Prints the number of requests and the
p50 / p95 / max latency per page; the target is p95 under 300 ms.

    .venv/bin/python benchmarks/web_load.py [--users 20] [--seconds 60]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "demo-parindex-2024"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Session:
    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1{path}"
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            # the server closed an idle keep-alive connection while the person was reading
            self.conn.close()
            start = time.perf_counter()
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        elapsed = time.perf_counter() - start
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text, elapsed

    def sign_in(self, username: str) -> None:
        self.request("GET", "/dang-nhap/")
        status, _, _ = self.request(
            "POST", "/dang-nhap/", {"username": username, "password": PASSWORD}
        )
        assert status == 302, f"sign-in of {username} failed ({status})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument(
        "--think", type=float, default=2.0, help="mean seconds a person reads a page (uniform 0–2×)"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="parindex-load-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "load-benchmark-key-" + "x7Qp2Lm9" * 5,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "PARINDEX_VAR": str(tmp / "var"),
        "ALLOWED_HOSTS": "127.0.0.1",
        # the pages under load, not the sign-in: the sessions give no second factor
        "PARINDEX_TWO_FACTOR_ROLES": "",
    }
    python = sys.executable
    print("building the demo …", flush=True)
    subprocess.run(
        [python, "-m", "parindex.cli", "--quiet", "demo", "--out", str(tmp / "demo"), "--score"],
        check=True,
        env=env,
    )
    subprocess.run([python, "manage.py", "migrate", "-v0"], check=True, cwd=ROOT, env=env)
    subprocess.run(
        [python, "manage.py", "load_demo", str(tmp / "demo"), "--force"],  # production settings
        check=True,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(python).with_name("gunicorn")),
            "parindex.web.wsgi",
            "--workers",
            str(args.workers),
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        probe = Session(port)
        probe.sign_in("thamdinh1")
        _, dashboard, _ = probe.request("GET", "/")
        cycle = re.search(r'href="/ky/(\d+)/"', dashboard)
        assert cycle, "no cycle on the appraiser's dashboard"
        queue_path = f"/ky/{cycle.group(1)}/tham-dinh/"
        for _ in range(6 * args.workers):  # every worker has loaded Django before the clock starts
            probe.request("GET", queue_path)
        latencies: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        sessions = []
        for i in range(args.users):
            session = Session(port)
            session.sign_in(f"thamdinh{1 + i % 2}")
            sessions.append(session)
        deadline = time.perf_counter() + args.seconds

        def appraiser(i: int) -> None:
            rng = random.Random(i)
            session = sessions[i]
            step = 0
            while time.perf_counter() < deadline:
                status, page, t = session.request("GET", queue_path)
                links = re.findall(r'href="(/ky/\d+/tham-dinh/\d+/[^/"]+/)"', page)
                record = [("hàng đợi thẩm định", status, t)]
                if links:
                    field_path = rng.choice(links)
                    status, page, t = session.request("GET", field_path)
                    record.append(("trang thẩm định lĩnh vực", status, t))
                    step += 1
                    leaves = re.findall(
                        r'name="score" value="(\d+)"><input type="hidden" name="version" value="(\d+)"',
                        page,
                    )
                    if step % 4 == 0 and leaves:
                        score, version = rng.choice(leaves)
                        status, _, t = session.request(
                            "POST",
                            field_path,
                            {
                                "score": score,
                                "version": version,
                                "appraised_score": "",
                                "reason": "",
                            },
                        )
                        record.append(("lưu kết quả thẩm định", status, t))
                time.sleep(rng.uniform(0, 2 * args.think))
                with lock:
                    for name, code, seconds in record:
                        if code >= 400:
                            errors.append(f"{name}: HTTP {code}")
                        latencies[name].append(seconds)

        threads = [threading.Thread(target=appraiser, args=(i,)) for i in range(args.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        f"{args.users} appraisers × {args.seconds:.0f} s, {args.think:.1f} s reading per round, "
        f"gunicorn {args.workers} workers × 4 threads on 127.0.0.1, DEBUG off, "
        + ("PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite")
    )
    print(f"{'page':<28} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    everything: list[float] = []
    for name, values in latencies.items():
        values.sort()
        everything.extend(values)
        p50 = values[len(values) // 2] * 1000
        p95 = values[int(len(values) * 0.95) - 1] * 1000
        print(f"{name:<28} {len(values):>9} {p50:>8.0f} {p95:>8.0f} {values[-1] * 1000:>8.0f}")
    everything.sort()
    print(
        f"{'all pages':<28} {len(everything):>9} {everything[len(everything) // 2] * 1000:>8.0f} "
        f"{everything[int(len(everything) * 0.95) - 1] * 1000:>8.0f} {everything[-1] * 1000:>8.0f}"
    )
    print(
        f"errors: {len(errors)}"
        + (f" (first: {errors[0]}; server log: {tmp / 'server.log'})" if errors else "")
    )


if __name__ == "__main__":
    main()
