#!/usr/bin/env python3
"""Renders `make bench` results (JSON lines) into docs/BENCHMARKS.md.

Only the part between the `<!-- bench:begin -->` and `<!-- bench:end -->`
markers is rewritten; the hand-written text around it (method, profiling
notes) is kept. Usage: bench-report.py RESULTS.jsonl DOC.md
"""
import datetime
import json
import os
import platform
import subprocess
import sys

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
PEERS = ["attrd", "tls-echo", "grpc-swift", "grpc-cpp"]
NAMES = {
    "attrd": "attrd (ARPC/1)",
    "tls-echo": "raw TLS echo (floor)",
    "grpc-swift": "grpc-swift-2 2.4.3",
    "grpc-cpp": "gRPC C++ (Debian)",
}


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def fmt(value, digits=0):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}".replace(",", " ")


def ratio(a, b, digits=2):
    return f"{a / b:.{digits}f}x" if a and b else "—"


def find(results, **keys):
    for r in results:
        if all(r.get(k) == v for k, v in keys.items()):
            return r
    return None


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} {platform.release()}; "
            f"{swift[0] if swift else 'swift'}; commit {commit or '?'}")


def table(out, title, columns, left=1):
    """A section heading and a Markdown table header: the first `left`
    columns aligned left, the rest (figures) right."""
    out.append(f"### {title}")
    out.append("")
    out.append("| " + " | ".join(columns) + " |")
    out.append("| " + " | ".join("---" if i < left else "---:" for i in range(len(columns))) + " |")


def unary_tables(results, out):
    table(out, "Unary echo, 1 connection",
          ["stack", "payload", "in flight", "QPS", "p50 us", "p90 us", "p99 us", "p99.9 us", "server CPU us/call", "attrd QPS ÷ this", "this CPU ÷ attrd CPU"])
    for payload, inflight in [(0, 32), (32, 32), (4096, 32), (32, 1)]:
        ours = find(results, label="attrd", scenario="unary", payload_bytes=payload, concurrency=inflight)
        for peer in PEERS:
            r = find(results, label=peer, scenario="unary", payload_bytes=payload, concurrency=inflight)
            if not r:
                continue
            lat = r["latency_us"]
            cpu = r.get("server_cpu_us_per_call")
            ours_cpu = ours.get("server_cpu_us_per_call") if ours else None
            out.append(
                f"| {NAMES[peer]} | {payload} B | {inflight} | {fmt(r['qps'])} | {fmt(lat['p50'])} | {fmt(lat['p90'])} | "
                f"{fmt(lat['p99'])} | {fmt(lat['p999'])} | {fmt(cpu, 1)} | "
                f"{ratio(ours['qps'], r['qps']) if ours else '—'} | {ratio(cpu, ours_cpu) if ours_cpu else '—'} |")
    out.append("")
    out.append("With one call in flight the server idles between calls, so its CPU per call mostly measures wake-ups.")
    out.append("")


def stream_table(results, out):
    rows = [r for r in results if r.get("scenario") == "stream"]
    if not rows:
        return
    table(out, "Server streaming, 1 connection, 1 KiB messages, 1000 per call",
          ["stack", "calls in flight", "messages/s", "MB/s", "server CPU us/message", "call p50 ms"])
    for peer in PEERS:
        r = find(results, label=peer, scenario="stream")
        if r:
            out.append(f"| {NAMES[peer]} | {r['concurrency']} | {fmt(r['messages_per_s'])} | {fmt(r['mb_per_s'], 1)} | "
                       f"{fmt(r.get('server_cpu_us_per_call'), 2)} | {fmt(r['latency_us']['p50'] / 1000, 1)} |")
    out.append("")


def ingest_table(results, out):
    rows = [r for r in results if r.get("scenario") == "ingest"]
    copy = find(results, scenario="ingest-copy")
    if not rows and not copy:
        return
    table(out, "Ingest: pixel events persisted (IngestPixelEvents, acknowledged after commit)",
          ["batch", "calls in flight", "events/s", "÷ COPY", "call p50 ms", "call p99 ms", "attrd CPU us/event"], left=0)
    for r in sorted(rows, key=lambda r: r.get("batch_size") or 0):
        share = f"{r['messages_per_s'] / copy['messages_per_s'] * 100:.0f}%" if copy else "—"
        out.append(f"| {r.get('batch_size')} | {r['concurrency']} | {fmt(r['messages_per_s'])} | {share} | "
                   f"{fmt(r['latency_us']['p50'] / 1000, 2)} | {fmt(r['latency_us']['p99'] / 1000, 2)} | "
                   f"{fmt(r.get('server_cpu_us_per_call'), 1)} |")
    if copy:
        out.append(f"| psql `\\copy` of {fmt(copy['messages'])} rows of the same shape | — | {fmt(copy['messages_per_s'])} | 100% | — | — | — |")
    out.append("")
    out.append("attrd's CPU excludes PostgreSQL's, which runs on the same 2 cores.")
    out.append("")


def idle_table(results, out):
    rows = [r for r in results if r.get("scenario") == "idle"]
    if not rows:
        return
    table(out, "Idle mutual-TLS connections held by attrd",
          ["connections", "RSS before", "RSS after", "KiB per connection", "time to open all"], left=0)
    for r in rows:
        out.append(f"| {fmt(r['connections'])} | {fmt(r['server_rss_before_kib'] / 1024, 1)} MiB | "
                   f"{fmt(r['server_rss_after_kib'] / 1024, 1)} MiB | {fmt(r['kib_per_connection'], 1)} | "
                   f"{fmt(r['connect_seconds'], 1)} s |")
    out.append("")


def micro_table(results, out):
    rows = [r for r in results if r.get("scenario") == "micro"]
    if not rows:
        return
    table(out, "Microbenchmarks (attrbench micro, 1 core)", ["operation", "ns/op", "MB/s"])
    for r in rows:
        out.append(f"| {r['name']} | {fmt(r['ns_per_op'], 1)} | {fmt(r['mb_per_s'])} |")
    out.append("")


def jobs_lines(lines):
    """`jobs-bench NAME key=value ...` lines (JobQueueBenchmarks) as JSON
    results of scenario "jobs"; words without `=` are left out."""
    for line in lines:
        words = line.split()
        if len(words) < 2 or words[0] != "jobs-bench":
            continue
        result = {"scenario": "jobs", "name": words[1]}
        for word in words[2:]:
            key, sep, value = word.partition("=")
            if sep:
                try:
                    result[key] = float(value) if "." in value else int(value)
                except ValueError:
                    result[key] = value
        print(json.dumps(result))


def jobs_table(results, out):
    rows = [r for r in results if r.get("scenario") == "jobs"]
    if not rows:
        return
    table(out, "Job queue (JobQueueBenchmarks, debug build)", ["measure", "setting", "figure"], left=2)
    for r in rows:
        if r["name"] == "throughput":
            out.append(f"| no-op jobs claimed and completed | {r['replicas']} replica(s), {fmt(r['jobs'])} jobs | {fmt(r['jobs_per_second'])} jobs/s |")
        elif r["name"] == "latency":
            out.append(f"| enqueue-to-start, idle queue (NOTIFY) | {r['samples']} jobs one at a time | p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms |")
        elif r["name"] == "idle":
            out.append(f"| idle transactions per second, nothing due | {fmt(r['tenants'])} tenants, poll {r['poll_s']} s | {r['runner_per_second']:.2f} /s |")
    out.append("")


def goals(results, out):
    def get(label, payload, inflight):
        return find(results, label=label, scenario="unary", payload_bytes=payload, concurrency=inflight)

    ours, cpp, gswift, raw = (get(p, 32, 32) for p in ["attrd", "grpc-cpp", "grpc-swift", "tls-echo"])
    single = get("attrd", 32, 1)
    ingest = [r for r in results if r.get("scenario") == "ingest"]
    best_ingest = max(ingest, key=lambda r: r["messages_per_s"]) if ingest else None
    copy = find(results, scenario="ingest-copy")
    idle = [r for r in results if r.get("scenario") == "idle"]

    def row(goal, measured, met):
        verdict = "—" if met is None else ("met" if met else "**missed**")
        out.append(f"| {goal} | {measured} | {verdict} |")

    table(out, "Goals (issue 9)", ["goal", "measured", ""], left=3)
    oc = ours and ours.get("server_cpu_us_per_call")
    cc = cpp and cpp.get("server_cpu_us_per_call")
    row("server CPU per unary call (1x32, 32 B) ≤ gRPC C++",
        f"{fmt(oc, 1)} us vs {fmt(cc, 1)} us", (oc <= cc) if oc and cc else None)
    for peer, factor, name in [(gswift, 2.0, "grpc-swift-2"), (cpp, 1.0, "gRPC C++"), (raw, 0.7, "the raw TLS echo")]:
        row(f"unary QPS (1x32, 32 B) ≥ {factor:g}x {name}",
            ratio(ours["qps"], peer["qps"], 3) if ours and peer else "—",
            (ours["qps"] >= factor * peer["qps"]) if ours and peer else None)
    if single:
        row("one call in flight: p50 ≤ 150 us", f"{fmt(single['latency_us']['p50'])} us", single["latency_us"]["p50"] <= 150)
        row("one call in flight: p99 ≤ 300 us", f"{fmt(single['latency_us']['p99'])} us", single["latency_us"]["p99"] <= 300)
    if best_ingest:
        row("ingest ≥ 100k events/s", f"{fmt(best_ingest['messages_per_s'])} /s (batch {best_ingest.get('batch_size')})",
            best_ingest["messages_per_s"] >= 100_000)
    if best_ingest and copy:
        share = best_ingest["messages_per_s"] / copy["messages_per_s"]
        row("ingest ≥ 60% of raw COPY", f"{share * 100:.0f}%", share >= 0.6)
    row("export CSV ≥ 80% of psql \\copy; Parquet ≥ 50%", "not measured: no Exports service yet", None)
    for r in idle:
        row(f"≤ 50 KiB RSS per idle mTLS connection ({fmt(r['connections'])})",
            f"{fmt(r['kib_per_connection'], 1)} KiB", r["kib_per_connection"] <= 50)
    out.append("")


def render(results):
    out = [BEGIN, ""]
    out.append(f"Measured {datetime.date.today().isoformat()} by `make bench` on {machine()}.")
    out.append("Client and server share the machine's cores; server CPU is the server process's utime + stime over the measured window.")
    out.append("")
    goals(results, out)
    unary_tables(results, out)
    stream_table(results, out)
    ingest_table(results, out)
    idle_table(results, out)
    micro_table(results, out)
    jobs_table(results, out)
    out.append(END)
    return "\n".join(out)


def main():
    if sys.argv[1:] == ["--jobs-lines"]:
        return jobs_lines(sys.stdin)
    if len(sys.argv) != 3:
        sys.exit("usage: bench-report.py RESULTS.jsonl DOC.md")
    results = load(sys.argv[1])
    section = render(results)
    with open(sys.argv[2]) as f:
        doc = f.read()
    if BEGIN in doc and END in doc:
        head, rest = doc.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        doc = head + section + tail
    else:
        doc = doc.rstrip("\n") + "\n\n" + section + "\n"
    with open(sys.argv[2], "w") as f:
        f.write(doc)


if __name__ == "__main__":
    main()
