#!/usr/bin/env python3
"""Turns the JSON lines of scripts/bench.sh into target/bench/results.{json,md}: every figure
beside its same-run reference, the ratio, and the targets of issue 11."""
import datetime
import json
import sys
from pathlib import Path

results_file, out_dir, cores, revision, citizens, per = sys.argv[1:7]
rows = [json.loads(line) for line in Path(results_file).read_text().splitlines() if line.strip()]


def find(name, database):
    return next((r for r in rows if r["name"] == name and r["database"] == database), None)


def rate(row):
    wrk = row["wrk"]
    return wrk["requests"] / (wrk["duration_us"] / 1e6)


table = []
for database in sorted({r["database"] for r in rows if r["database"] != "none"}):
    livez = find("livez", database)
    overview = find("overview", database)
    if livez and overview:
        ref = rate(livez)
        value = rate(overview)
        table.append({
            "figure": "P1 overview GET /api/v1/cases (32 connections)",
            "database": database,
            "value": round(value),
            "unit": "req/s",
            "p50_ms": overview["wrk"]["p50_us"] / 1000,
            "p99_ms": overview["wrk"]["p99_us"] / 1000,
            "errors": overview["wrk"]["non_2xx"] + overview["wrk"]["socket_errors"],
            "reference": f"/livez {round(ref)} req/s",
            "ratio": round(value / ref, 4),
            "target": ">= 20000 req/s, p99 <= 10 ms" if database == "sqlite"
            else ">= 10000 req/s, p99 <= 10 ms",
        })
    insert_ref = find("sqlite_insert_commits", database) or find("pgbench_insert_tps", database)
    for row in [r for r in rows if r["name"] == "submission" and r["database"] == database]:
        wrk = row["wrk"]
        value = wrk["submissions"] / (wrk["duration_us"] / 1e6)
        ref_value = insert_ref["value"] if insert_ref else None
        table.append({
            "figure": f"P2 full submissions ({row['connections']} clients)",
            "database": database,
            "value": round(value, 1),
            "unit": "submissions/s",
            "p50_ms": wrk["p50_us"] / 1000,
            "p99_ms": wrk["p99_us"] / 1000,
            "errors": wrk["non_2xx"] + wrk["socket_errors"],
            "reference": (f"{insert_ref['name']} {ref_value}/s" if insert_ref else "-"),
            "ratio": round(value / ref_value, 4) if ref_value else None,
            "target": ">= 1500/s" if database == "sqlite" else ">= 2000/s",
        })
    logins = find("bankid_logins", database)
    if logins:
        wrk = logins["wrk"]
        table.append({
            "figure": "P5 BankID login starts, 1000 connections",
            "database": database,
            "value": round(rate(logins)),
            "unit": "orders/s",
            "p50_ms": wrk["p50_us"] / 1000,
            "p99_ms": wrk["p99_us"] / 1000,
            "errors": wrk["non_2xx"] + wrk["socket_errors"],
            "reference": "-",
            "ratio": None,
            "target": "0 errors",
        })
    for name, label in [("rss_idle", "P4 memory, idle"), ("rss_after_load", "P4 memory after P1 + P2")]:
        row = find(name, database)
        if row:
            table.append({
                "figure": label, "database": database, "value": round(row["value"] / 1024, 1),
                "unit": "MB", "p50_ms": None, "p99_ms": None, "errors": None, "reference": "-",
                "ratio": None, "target": "<= 50 MB" if name == "rss_idle" else "<= 150 MB",
            })
    seed = find("seed_seconds", database)
    if seed:
        table.append({
            "figure": f"seeding {citizens} citizens x {per} cases", "database": database,
            "value": seed["value"], "unit": "s", "p50_ms": None, "p99_ms": None, "errors": None,
            "reference": "-", "ratio": None, "target": "minutes, not hours",
        })
spa = find("spa_first_load_brotli", "none")
if spa:
    table.append({
        "figure": "P3 SPA first load (wasm + js + css, brotli)", "database": "-",
        "value": round(spa["value"] / 1024), "unit": "KB", "p50_ms": None, "p99_ms": None,
        "errors": None, "reference": "-", "ratio": None, "target": "<= 250 KB",
    })

meta = {
    "revision": revision,
    "cores": int(cores),
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "citizens": int(citizens),
    "cases_per_citizen": int(per),
}
out = Path(out_dir)
out.mkdir(parents=True, exist_ok=True)
(out / "results.json").write_text(json.dumps({"meta": meta, "figures": table, "raw": rows}, indent=2))


def cell(value):
    return "-" if value is None else str(value)


lines = [
    f"Revision {revision}, {cores} cores, {meta['date']}; {citizens} citizens x {per} cases.",
    "",
    "| figure | database | value | p50 ms | p99 ms | errors | same-run reference | ratio | target |",
    "|---|---|---|---|---|---|---|---|---|",
]
for row in table:
    lines.append("| " + " | ".join([
        row["figure"], row["database"], f"{row['value']} {row['unit']}", cell(row["p50_ms"]),
        cell(row["p99_ms"]), cell(row["errors"]), row["reference"], cell(row["ratio"]),
        row["target"],
    ]) + " |")
(out / "results.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
