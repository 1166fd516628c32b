"""Benchmark: the Kempen pijler-2 ranking of generated candidates, by
`reglement rangschik` against a straightforward pandas and polars script.

For each size it
1. generates a candidates file with `reglement genereer` (DATA.md format, all
   columns filled, residence histories included; seeded, so reproducible),
2. runs the three once and checks that their outputs are byte-identical
   (stops with exit 1 if not),
3. times them in the same run, interleaved, each as its own process, and
   prints wall time (best and median), the time the script measures itself
   (read → write, without Python's start-up and imports), peak memory (max
   RSS) and the ratios.

    cargo build --release
    pip install pandas polars
    python3 benches/rank_compare.py                      # 10k, 100k, 1M
    python3 benches/rank_compare.py --aantallen 1000000 --herhalingen 7

The engine is timed as the whole command (process start, plan compilation
from the .reglement, reading, ranking, writing the full CSV). Explanations
are off. See README "Prestaties" for the numbers on the reference machine.
"""
import argparse
import itertools
import os
import pathlib
import re
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "reglement"
REGLEMENT = ROOT / "examples" / "kempen.reglement"
GEMEENTE = "Turnhout"
PEILDATUM = "2025-06-30"


def run(cmd):
    """Run a command; return (wall seconds, max RSS in MB, stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(map(str, cmd))} faalde ({code}):\n{err}")
    return wall, usage.ru_maxrss / 1024, err


def shuffle_rows(path, seed):
    """Shuffle a CSV file's rows in place (header first). In a function, so
    the rows are freed before any tool is timed: a forked child starts with
    the parent's pages, which would count in its peak memory."""
    import random
    head, *rows = path.read_bytes().split(b"\n")
    rows = [r for r in rows if r]
    random.Random(seed).shuffle(rows)
    path.write_bytes(b"\n".join([head, *rows]) + b"\n")


def compare_outputs(work, n, tools):
    """Stop unless every tool wrote the same bytes as reglement; return the
    number of rows and the size in MB. Reads the files line by line, so the
    benchmark process stays small (see shuffle_rows)."""
    ref_path = work / f"uit-reglement-{n}.csv"
    for name in tools:
        if name == "reglement":
            continue
        with open(ref_path, "rb") as ref, open(work / f"uit-{name}-{n}.csv", "rb") as other:
            for i, (x, y) in enumerate(itertools.zip_longest(ref, other), start=1):
                if x != y:
                    sys.exit(f"{n}: de uitvoer van {name} verschilt van die van reglement (eerste verschil op regel {i})")
    with open(ref_path, "rb") as ref:
        rows = sum(1 for _ in ref) - 1
    return rows, ref_path.stat().st_size / 1e6


def commands(candidates, out):
    return {
        "reglement": [BIN, "rangschik", REGLEMENT, "--kandidaten", candidates, "--peildatum", PEILDATUM,
                      "--pijler", "versneld", "--gemeente", GEMEENTE, "--formaat", "csv", "--uitvoer", out],
        "polars": [sys.executable, ROOT / "benches" / "rank_polars.py", candidates, out,
                   "--gemeente", GEMEENTE, "--peildatum", PEILDATUM],
        "pandas": [sys.executable, ROOT / "benches" / "rank_pandas.py", candidates, out,
                   "--gemeente", GEMEENTE, "--peildatum", PEILDATUM],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aantallen", default="10000,100000,1000000")
    ap.add_argument("--herhalingen", type=int, default=5)
    ap.add_argument("--zaad", type=int, default=42)
    ap.add_argument("--map", default="/tmp/reglement-bench")
    ap.add_argument("--zonder", default="", help="tools to leave out, e.g. pandas")
    ap.add_argument("--geschud", action="store_true",
                    help="shuffle the rows of each generated file (the generator writes them in dossier order)")
    a = ap.parse_args()
    if not BIN.exists():
        sys.exit("bouw eerst: cargo build --release")
    work = pathlib.Path(a.map)
    work.mkdir(parents=True, exist_ok=True)
    skip = set(filter(None, a.zonder.split(",")))
    print(f"machine: {os.cpu_count()} cores; {a.herhalingen} herhalingen per meting")
    for n in [int(x) for x in a.aantallen.split(",")]:
        cand = work / f"kandidaten-{n}.csv"
        run([BIN, "genereer", "--aantal", str(n), "--zaad", str(a.zaad), "--peildatum", PEILDATUM, "--uitvoer", cand])
        if a.geschud:
            shuffle_rows(cand, a.zaad)
        size = cand.stat().st_size / 1e6
        tools = {k: v for k, v in commands(cand, None).items() if k not in skip}
        # 1. the same output, byte for byte
        for name in tools:
            run(commands(cand, work / f"uit-{name}-{n}.csv")[name])
        rows, out_mb = compare_outputs(work, n, tools)
        order = "geschudde rijen" if a.geschud else "in dossiervolgorde"
        print(f"\n{n} kandidaten ({size:.0f} MB, {order}): de drie uitvoerbestanden zijn identiek ({rows} rijen, {out_mb:.0f} MB)")
        # 2. timing, interleaved
        wall = {k: [] for k in tools}
        inner = {k: [] for k in tools}
        rss = {k: 0.0 for k in tools}
        for _ in range(a.herhalingen):
            for name in tools:
                out = work / f"uit-{name}-{n}.csv"
                out.unlink(missing_ok=True)
                t, mem, err = run(commands(cand, out)[name])
                wall[name].append(t)
                m = re.search(r"tijd: ([0-9.]+) s", err)
                inner[name].append(float(m.group(1)) if m else t)
                rss[name] = max(rss[name], mem)
        print(f"  {'':10} {'wand best':>10} {'mediaan':>9} {'in script':>10} {'piekgeheugen':>13}")
        for name in tools:
            print(f"  {name:10} {min(wall[name]):9.3f}s {statistics.median(wall[name]):8.3f}s "
                  f"{min(inner[name]):9.3f}s {rss[name]:10.0f} MB")
        best = min(wall["reglement"])
        for name in tools:
            if name == "reglement":
                continue
            print(f"  {name}/reglement: {min(wall[name]) / best:.1f}x (wandtijd, beste), "
                  f"{statistics.median(wall[name]) / statistics.median(wall['reglement']):.1f}x (mediaan), "
                  f"{min(inner[name]) / best:.1f}x ({name} zonder opstart en imports)")


if __name__ == "__main__":
    main()
