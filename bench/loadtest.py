"""Load test: N concurrent clients send a bounded number of POST /api/chat requests; throughput, latency, errors.

python -m bench.loadtest --data-dir DIR [--workers 2] [--clients 20] [--requests 500] [--max-seconds 600]
python -m bench.loadtest --url http://127.0.0.1:7860 ...   (against a server you started; turn its rate limit
off or up first: SME_ADVISOR_RATE_LIMIT_PER_MIN=0, since all clients come from one address)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.serving import start_server, stop_server, wait_ready
from bench.stats import machine, percentiles
from bench.worker import questions


@dataclass
class LoadResult:
    clients: int
    requested: int
    completed: int = 0
    errors: Counter = field(default_factory=Counter)
    wall_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict:
        lat = percentiles(self.latencies_ms)
        return {"clients": self.clients, "requested": self.requested, "completed": self.completed,
                "errors": sum(self.errors.values()), "error_kinds": dict(self.errors),
                "wall_s": round(self.wall_s, 1),
                "throughput_rps": round(self.completed / self.wall_s, 2) if self.wall_s else 0.0,
                "p50_ms": lat["p50"], "p95_ms": lat["p95"], "p99_ms": lat["p99"], "max_ms":
                round(max(self.latencies_ms), 1) if self.latencies_ms else 0.0}


async def run_load(base: str, clients: int, total: int, max_seconds: float, timeout_s: float = 60) -> LoadResult:
    """Each client sends its next request as soon as the last one answered, until `total` or the time bound."""
    result = LoadResult(clients=clients, requested=total)
    asked = [(q, p) for q, p in questions(60)]
    counter = iter(range(total))
    deadline = time.monotonic() + max_seconds
    begin = time.perf_counter()

    async def client(http: httpx.AsyncClient) -> None:
        for number in counter:
            if time.monotonic() > deadline:
                result.errors["not sent: time bound"] += 1
                continue
            question, profile = asked[number % len(asked)]
            started = time.perf_counter()
            try:
                response = await http.post(f"{base}/api/chat", json={"message": question, "profile": profile})
                if response.status_code == 200 and response.json().get("answer") is not None:
                    result.completed += 1
                    result.latencies_ms.append((time.perf_counter() - started) * 1000)
                else:
                    result.errors[f"HTTP {response.status_code}"] += 1
            except (httpx.HTTPError, ValueError) as exc:
                result.errors[type(exc).__name__] += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=timeout_s, limits=limits) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    result.wall_s = time.perf_counter() - begin
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already running server; otherwise one is started on --data-dir")
    parser.add_argument("--data-dir", type=Path, help="data folder with a built index (for the started server)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes of the started server")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--max-seconds", type=float, default=600.0, help="stop sending after this long")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    if not args.url and not args.data_dir:
        parser.error("give --url or --data-dir")
    proc = None
    base = args.url
    if not base:
        proc, base = start_server(args.data_dir, workers=args.workers)
        wait_ready(base, proc, timeout_s=180)
        _warm_every_worker(base, args.workers)
    try:
        result = asyncio.run(run_load(base, args.clients, args.requests, args.max_seconds))
    finally:
        if proc is not None:
            stop_server(proc)
    summary = {**result.summary(), "workers": args.workers if proc else None, "machine": machine()}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if summary["errors"] == 0 else 1


def _warm_every_worker(base: str, workers: int) -> None:
    """A few requests so each worker process has loaded its index before the clock starts."""
    for _ in range(workers * 3):
        try:
            httpx.get(f"{base}/api/health", timeout=60)
        except httpx.HTTPError:
            pass


if __name__ == "__main__":
    raise SystemExit(main())
