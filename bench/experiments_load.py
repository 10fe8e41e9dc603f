"""Load helper for scripts/bench-experiments.sh: metric ingestion and results latency.

    python3 bench/experiments_load.py BASE_URL EXPERIMENT_ID ingest BATCHES SIZE [CLIENTS]
    python3 bench/experiments_load.py BASE_URL SMALL_ID results CALLS LARGE_ID

`ingest` posts BATCHES arrays of SIZE metric values (prepared before the clock starts) from
CLIENTS keep-alive connections and prints the values per second and the seconds taken;
`results` calls GetResults of both experiments alternately, CALLS times each, and prints per
experiment the median latency in milliseconds and the number of values it holds.
"""

import http.client
import os
import json
import random
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

# The API key the server was started with (LLMOPS_INIT_API_KEY).
AUTH = {"Authorization": "Bearer " + os.environ.get("LLMOPS_API_KEY", "")}


def connection(base):
    url = urlparse(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=120)


def batch_body(seed, size):
    rng = random.Random(seed)
    events = []
    for i in range(size):
        variant = "control" if i % 2 == 0 else "treatment"
        if i % 3 == 0:
            events.append({"variant_id": variant, "metric": "converted",
                           "value": 1 if rng.random() < 0.1 else 0, "user_id": f"u{seed}-{i}"})
        else:
            events.append({"variant_id": variant, "metric": "score",
                           "value": round(rng.gauss(10 if variant == "control" else 10.2, 3), 3),
                           "user_id": f"u{seed}-{i}"})
    return json.dumps(events).encode()


def ingest(base, experiment, batches, size, clients):
    bodies = [batch_body(b, size) for b in range(batches)]
    path = f"/api/v1/experiments/{experiment}/metrics"
    failures = []
    next_batch = iter(range(batches))
    lock = threading.Lock()

    def worker():
        conn = connection(base)
        while True:
            with lock:
                index = next(next_batch, None)
            if index is None:
                return
            conn.request("POST", path, bodies[index], {"Content-Type": "application/json", **AUTH})
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                failures.append((response.status, body[:200]))

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if failures:
        sys.exit(f"ingestion failed: {failures[:3]}")
    print(f"{batches * size / elapsed:.0f} {elapsed:.3f}")


def results(base, experiments, calls):
    conn = connection(base)
    timings = {e: [] for e in experiments}
    counts = {}
    for i in range(calls + 5):
        for experiment in experiments:
            path = f"/api/v1/experiments/{experiment}/results"
            started = time.perf_counter()
            conn.request("GET", path, headers=AUTH)
            response = conn.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                sys.exit(f"results failed: {response.status} {body[:200]}")
            if i >= 5:  # the first calls warm the connection and the caches
                timings[experiment].append(elapsed * 1000)
            counts[experiment] = sum(
                v["count"] for m in json.loads(body)["metrics"] for v in m["variants"])
    print(" ".join(f"{statistics.median(timings[e]):.3f} {counts[e]}" for e in experiments))


def main():
    base, experiment, command = sys.argv[1:4]
    if command == "ingest":
        clients = int(sys.argv[6]) if len(sys.argv) > 6 else 1
        ingest(base, experiment, int(sys.argv[4]), int(sys.argv[5]), clients)
    elif command == "results":
        results(base, [experiment, *sys.argv[5:]], int(sys.argv[4]))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
