"""A bounded load run on loopback: N users log in, then browse the portal together for T seconds.

Usage: python scripts/loadgen.py --base http://127.0.0.1:8300 --users 50 --seconds 60
The users log in first, a few at a time (``--login-concurrency``, one per server worker): a login
hashes a password on purpose slowly, and fifty at once would measure a login storm, not the pages.
Their logins are timed on their own line. Then every user browses at once for T seconds. Prints a
summary (requests, errors, 5xx, p50/p95/max latency, the list pages' p95, then p50/p95 per page) and
exits non-zero on any 5xx or failed request or login.
Only loopback targets are accepted.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import math
import random
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

USERS = ["coordinator", "secretary", "expert", "expert2", "college", "college2", "employer", "observer"]
PAGES = {
    "coordinator": [
        "/",
        "/members/",
        "/members/persons/",
        "/members/sectors/",
        "/programs/",
        "/expertise/",
        "/practice/",
        "/councils/",
        "/reports/",
    ],
    "secretary": ["/", "/councils/", "/reports/", "/reports/annual/2021-2022/", "/members/documents/"],
    "expert": ["/", "/expertise/", "/programs/"],
    "expert2": ["/", "/expertise/", "/programs/"],
    "college": ["/", "/programs/", "/practice/", "/members/persons/"],
    "college2": ["/", "/programs/", "/practice/"],
    "employer": ["/", "/programs/", "/members/"],
    "observer": ["/", "/reports/", "/members/", "/programs/"],
}
PUBLIC = ["/catalog/", "/catalog/?q=станков", "/healthz"]


def session(base: str, username: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": "cluster-demo"})
    request = urllib.request.Request(base + "/accounts/login/", data=data.encode(), headers={"Referer": base + "/"})
    opener.open(request, timeout=30).read()
    return opener


# The list pages among the pages visited (the target: p95 under 300 ms with 50 users).
LISTS = {"/members/", "/members/persons/", "/members/sectors/", "/members/documents/", "/programs/", "/councils/"}


def log_in(base, username):
    """(username, opener or None, seconds, error) of one login."""
    start = time.perf_counter()
    try:
        return username, session(base, username), time.perf_counter() - start, ""
    except Exception as exc:  # a failed login counts as an error of the run
        return username, None, time.perf_counter() - start, repr(exc)


def worker(base, username, opener, deadline, results, lock, rng):
    pages = PAGES[username] + PUBLIC
    while time.monotonic() < deadline:
        path = rng.choice(pages)
        start = time.perf_counter()
        try:
            response = opener.open(base + urllib.parse.quote(path, safe="/?=&"), timeout=60)
            response.read()
            status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except Exception as exc:
            status = 0
            path = f"{path} ({exc!r})"
        elapsed = time.perf_counter() - start
        with lock:
            results.append((path, status, elapsed, ""))
        time.sleep(rng.uniform(0.2, 1.0))  # a person reads the page


def _p95(ordered: list[float]) -> float:
    """The nearest-rank 95th percentile of sorted times (the largest of fewer than 20)."""
    return ordered[max(math.ceil(len(ordered) * 0.95) - 1, 0)] if ordered else float("nan")


def run(base: str, users: int, seconds: int, login_concurrency: int = 4) -> list[tuple[str, int, float, str]]:
    """``users`` simulated people browsing ``base`` for ``seconds``: (path, status, seconds, error) per request,
    their logins first (path «login»)."""
    rngs = [random.Random(i) for i in range(users)]
    with ThreadPoolExecutor(max_workers=login_concurrency) as pool:
        logins = list(pool.map(lambda rng: log_in(base, rng.choice(USERS)), rngs))
    results: list[tuple[str, int, float, str]] = [
        ("login", 200 if opener else 0, elapsed, error) for _name, opener, elapsed, error in logins
    ]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=worker, args=(base, name, opener, deadline, results, lock, rng), daemon=True)
        for (name, opener, _elapsed, _error), rng in zip(logins, rngs, strict=True)
        if opener is not None
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return results


def report_per_page(results) -> None:
    """p50 and p95 of each page's successful requests, and of the list pages together."""
    by_path: dict[str, list[float]] = {}
    for path, status, elapsed, _error in results:
        if status == 200 and path != "login":
            by_path.setdefault(path, []).append(elapsed)
    lists = sorted(t for path, times in by_path.items() if path in LISTS for t in times)
    if lists:
        print(f"list pages: {len(lists)} requests, p95={_p95(lists) * 1000:.0f}ms (target: under 300 ms)")
    for path, times in sorted(by_path.items()):
        times.sort()
        print(
            f"  {path}: {len(times)} requests, p50={statistics.median(times) * 1000:.0f}ms "
            f"p95={_p95(times) * 1000:.0f}ms"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8300")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--login-concurrency", type=int, default=4, help="logins at once (one per server worker)")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.base).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        print("Only loopback targets are allowed.", file=sys.stderr)
        return 2
    results = run(args.base, args.users, args.seconds, args.login_concurrency)
    report_logins(results, args.login_concurrency)
    return report([r for r in results if not (r[0] == "login" and r[1] == 200)], args.users, args.seconds)


def report_logins(results, concurrency: int) -> None:
    """The logins' times, taken before the run."""
    logins = sorted(r[2] for r in results if r[0] == "login" and r[1] == 200)
    if logins:
        print(
            f"logins before the run, {concurrency} at a time: {len(logins)}, "
            f"p50={statistics.median(logins) * 1000:.0f}ms p95={_p95(logins) * 1000:.0f}ms"
        )


def report(results, users: int, seconds: int) -> int:
    """The run's summary, its list pages and pages, its first errors; 1 on any 5xx or failed request or login."""
    latencies = sorted(r[2] for r in results if r[1] == 200)
    server_errors = [r for r in results if r[1] >= 500]
    failures = [r for r in results if r[1] == 0 or r[0] == "login"]
    other = [r for r in results if r[1] not in (0, 200) and r[1] < 500]
    print(
        f"users={users} seconds={seconds} requests={len(results)} ok={len(latencies)} "
        f"5xx={len(server_errors)} failed={len(failures)} other={len(other)}"
    )
    if latencies:
        print(
            f"p50={statistics.median(latencies) * 1000:.0f}ms p95={_p95(latencies) * 1000:.0f}ms "
            f"max={latencies[-1] * 1000:.0f}ms throughput={len(results) / seconds:.1f} req/s"
        )
    report_per_page(results)
    for path, status, _elapsed, error in (server_errors + failures)[:10]:
        print(f"  {status} {path} {error}")
    return 1 if server_errors or failures else 0


if __name__ == "__main__":
    sys.exit(main())
