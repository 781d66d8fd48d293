#!/usr/bin/python3
"""Table of a benchmark run (tests/bench/run): report.py RESULTS.tsv [MORE.tsv...]

One table per size: per computation, chokepoint's time (its library, one step
at a time: ckp_stages), NetworkX's and the raw-igraph floor's, and the ratios
NetworkX / chokepoint and igraph / chokepoint (above 1: chokepoint is faster);
then the whole processes (chokepoint check and analyze from CSV and JSON,
against NetworkX doing the same analysis end to end) and peak memory; then
the targets of the performance issue, met or not.
"""
import argparse
import math
import sys

SIZES = ["1e3", "1e4", "1e5", "1e6"]


def load(paths):
    """Rows of every file. Of two rows for the same measurement, a completed one beats one
    that was cut off or not run, then the one with more runs, then the later file's."""
    rows, comments = {}, []
    rank = lambda v: (v["status"] in ("ok", "estimated"), not v["status"].startswith("skipped-"),
                      int(v["runs"] or 0))
    for path in paths:
        r, c = load_one(path)
        comments += c
        for k, v in r.items():
            if k not in rows or rank(v) >= rank(rows[k]):
                rows[k] = v
    return rows, comments


def load_one(path):
    rows, comments = {}, []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                comments.append(line[2:])
                continue
            p = line.split("\t")
            if p[0] == "size":
                continue
            size, tool, step, secs, peak, value, status, runs = (p + [""] * 8)[:8]
            rows[(size, tool, step)] = {
                "s": float(secs) if secs not in ("", None) else None,
                "kb": int(peak) if peak else None, "value": value, "status": status,
                "runs": runs}
    return rows, comments


class M:
    """A time: measured, estimated (~), lower bound (>), or missing."""

    def __init__(self, s=None, kind="none", note=""):
        self.s, self.kind, self.note = s, kind, note

    def ok(self):
        return self.s is not None and self.kind in ("ok", "est", "lower")

    def __str__(self):
        if self.kind == "none" or self.s is None:
            return self.note or "-"
        t = fmt_s(self.s)
        return {"ok": t, "est": "~" + t, "lower": ">" + t}[self.kind]


def fmt_s(s):
    if s >= 100:
        return f"{s:.0f}"
    if s >= 10:
        return f"{s:.1f}"
    if s >= 1:
        return f"{s:.2f}"
    return f"{s:.3f}"


def get(rows, size, tool, step):
    r = rows.get((size, tool, step))
    if not r:
        return M()
    st = r["status"]
    if st == "ok":
        return M(r["s"], "ok")
    if st in ("estimated", "skipped"):
        return M(r["s"], "est")
    if st == "timeout":
        return M(r["s"], "lower") if r["s"] else M(None, "none", "timeout")
    if st.startswith("skipped"):
        return M(None, "none", "not run")
    return M(None, "none", st)


def ratio(a, b):
    """a / b, with the uncertainty of either carried over."""
    if not (a.ok() and b.ok()) or b.s <= 0:
        return ""
    r = a.s / b.s
    if a.kind == "lower" and b.kind == "lower":
        return "?"
    pre = ">" if a.kind == "lower" else "<" if b.kind == "lower" else ""
    pre += "~" if a.kind == "est" or b.kind == "est" else ""
    return f"{pre}{r:.1f}x" if r < 100 else f"{pre}{r:.0f}x"


def total(parts):
    """Sum of times; ~ when any part is estimated, > when any is a lower bound."""
    if not parts or any(not p.ok() for p in parts):
        return M(None, "none", "n/a")
    s = sum(p.s for p in parts)
    kind = "lower" if any(p.kind == "lower" for p in parts) else \
        "est" if any(p.kind == "est" for p in parts) else "ok"
    return M(s, kind)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tsv", nargs="+", help="results files; later ones replace earlier rows")
    ap.add_argument("--exact-limit", type=int, default=5000)
    ap.add_argument("--risk-top", type=int, default=1000)
    args = ap.parse_args()
    rows, comments = load(args.tsv)
    out = sys.stdout
    for c in comments:
        print(c, file=out)
    print("times in seconds (median of the runs); ~ estimated, > cut off at the timeout;\n"
          "ratios: the other tool's time / chokepoint's (above 1: chokepoint faster)", file=out)
    sizes = [s for s in SIZES if (s, "net", "nodes") in rows]
    W = 30

    def line(label, a, b, c, r1="", r2=""):
        print(f"{label:<{W}} {str(a):>11} {str(b):>11} {str(c):>11} {r1:>9} {r2:>11}", file=out)

    for size in sizes:
        n = int(rows[(size, "net", "nodes")]["s"])
        m = int(rows[(size, "net", "edges")]["s"])
        if (size, "net", "json_bytes") in rows:
            jmb = rows[(size, "net", "json_bytes")]["s"] / 1e6
            cmb = rows[(size, "net", "csv_bytes")]["s"] / 1e6
        else:  # older results: whole MB, rounded up
            jmb = rows[(size, "net", "json_mb")]["s"]
            cmb = rows[(size, "net", "csv_mb")]["s"]
        spofs = rows.get((size, "stages", "dominators"), {}).get("value") or \
            rows.get((size, "igraph", "dominators"), {}).get("value") or "?"
        ncountries = (rows.get((size, "stages", "country_risk"), {}).get("value") or "?/?")
        ncountries = ncountries.split("/")[-1]
        print(f"\n{size}: {n:,} nodes, {m:,} edges; JSON {jmb:.3g} MB, CSV {cmb:.3g} MB; "
              f"{spofs} single points of failure", file=out)
        line("computation", "chokepoint", "NetworkX", "igraph", "NX/ckp", "igraph/ckp")
        line("-" * W, "-" * 10, "-" * 10, "-" * 10, "-" * 8, "-" * 10)

        def row(label, step, nx_step=None, ig_step=None):
            a = get(rows, size, "stages", step)
            b = get(rows, size, "nx", nx_step) if nx_step else M()
            c = get(rows, size, "igraph", ig_step) if ig_step else M()
            line(label, a, b, c, ratio(b, a), ratio(c, a))
            return a, b, c

        row("load from JSON", "load_json", "load_json", "load")
        row("load from CSV", "load_csv", "load_csv")
        row("check (validation only)", "check")
        row("served demand (max flow)", "maxflow", "maxflow", "maxflow")
        row("dominators and SPOFs", "dominators", "dominators", "dominators")
        row("articulation points", "-", "articulation", "articulation")
        row("concentration (HHI)", "concentration", "concentration")
        row("origin tracing", "origin", "origin")
        row(f"betweenness, {100} sources", "betweenness", "betweenness", "betweenness")
        if n <= args.exact_limit:
            row("betweenness, exact", "-", "betweenness_exact")
            row("redundancy (connectivity)", "-", "redundancy")
        row(f"flow at risk, {ncountries} countries", "country_risk", "country_risk")
        if n <= args.exact_limit:
            row("flow at risk, every node", "node_risk", "node_risk")
        else:
            busy = (rows.get((size, "stages", "node_risk_busy"), {}).get("value") or "?/?")
            other = (rows.get((size, "stages", "node_risk_spof"), {}).get("value") or "?/?")
            row(f"flow at risk, {busy.split('/')[-1]} busiest", "node_risk_busy",
                "node_risk_busy")
            row(f"flow at risk, {other.split('/')[-1]} other SPOFs", "node_risk_spof",
                "node_risk_spof")

        # whole processes against NetworkX end to end
        nx_analysis = ["maxflow", "dominators", "concentration", "origin",
                       "betweenness_exact" if n <= args.exact_limit else "betweenness",
                       "country_risk"]
        nx_analysis += ["node_risk", "redundancy"] if n <= args.exact_limit else \
            ["node_risk_busy", "node_risk_spof"]
        parts = [get(rows, size, "nx", s) for s in nx_analysis]
        quick = [get(rows, size, "nx", s) for s in nx_analysis if "risk" not in s]
        print(f"{'whole processes':<{W}}", file=out)
        for label, step, load_step in [("check from CSV", "check_csv", None),
                                       ("check from JSON", "check_json", None),
                                       ("analyze from CSV", "analyze_csv", "load_csv"),
                                       ("analyze from JSON", "analyze_json", "load_json")]:
            a = get(rows, size, "chokepoint", step)
            b = total([get(rows, size, "nx", load_step)] + parts) if load_step else M()
            line("  " + label, a, b, "", ratio(b, a))
            if load_step:
                b = total([get(rows, size, "nx", load_step)] + quick)
                line("    NetworkX without flow at risk", "", b, "", ratio(b, a))
                if (size, "stages", "maxflow") in rows:
                    src = load_step.split("_")[1]
                    steps = [f"load_{src}", "maxflow", "dominators", "concentration", "origin",
                             "betweenness", "country_risk"] + \
                        (["node_risk"] if n <= args.exact_limit else
                         ["node_risk_busy", "node_risk_spof"])
                    ss = total([get(rows, size, "stages", x) for x in steps])
                    line("    chokepoint, sum of its steps", ss, "", "")
        # peak memory
        def mb(tool, step):
            r = rows.get((size, tool, step))
            if not r or r["kb"] is None:
                return "-"
            v = r["kb"] / 1024
            return f"{v:,.0f}" + ("+" if r["status"] == "timeout" else "")
        rc = rows.get((size, "chokepoint", "analyze_risk_computed"))
        if rc:
            print(f"analyze with its defaults: flow at risk known for {rc['value']} nodes "
                  "(method.flow_at_risk_computed)", file=out)
        print(f"peak MB: analyze CSV {mb('chokepoint', 'analyze_csv')}, JSON "
              f"{mb('chokepoint', 'analyze_json')}; check CSV {mb('chokepoint', 'check_csv')}, "
              f"JSON {mb('chokepoint', 'check_json')}; ckp_stages {mb('stages', 'process')}; "
              f"NetworkX {mb('nx', 'process')}; igraph {mb('igraph', 'process')}", file=out)
        probes = {w: [rows.get((size, "machine", f"{k}_{w}"), {}).get("value")
                      for k in ("latency_ns", "alu_ns", "fault_s_gb")]
                  for w in ("before", "after")}
        if any(v[0] for v in probes.values()):
            print("machine (tests/bench/machine_probe.c): " + "; ".join(
                f"{w} {lat} ns a memory read, {alu} ns a multiply-add" +
                (f", {fault} s a GiB of fresh memory" if fault else "")
                for w, (lat, alu, fault) in probes.items() if lat), file=out)
        vals = {t: rows.get((size, t, "maxflow"), {}).get("value") for t in ("stages", "igraph", "nx")}
        vals["analyze"] = rows.get((size, "chokepoint", "analyze_csv"), {}).get("value")
        got = {k: float(v) for k, v in vals.items() if v}
        if got:
            ref = next(iter(got.values()))
            same = all(abs(v - ref) <= 1e-9 * max(1.0, abs(ref)) for v in got.values())
            print("served demand: " + ", ".join(f"{k} {v}" for k, v in vals.items() if v) +
                  (" (the same)" if same else " (DIFFERENT)"), file=out)

    # ---- targets ----
    print("\ntargets (estimated: from ckp_stages, the sum of the steps analyze runs, or from"
          " NetworkX's estimates)", file=out)

    def t(size, tool, step):
        return get(rows, size, tool, step)

    def stage_sum(size, src):
        """What analyze would take, from its steps in ckp_stages (without the output)."""
        steps = [f"load_{src}", "maxflow", "dominators", "concentration", "origin",
                 "betweenness", "country_risk"]
        steps += ["node_risk"] if (size, "stages", "node_risk") in rows else \
            ["node_risk_busy", "node_risk_spof"]
        mm = total([t(size, "stages", x) for x in steps])
        if mm.kind == "ok":
            mm.kind = "est"
        return mm

    def analyze_time(size, src):
        mm = t(size, "chokepoint", f"analyze_{src}")
        if mm.kind == "ok":
            return mm
        est = stage_sum(size, src)
        if mm.kind == "lower" and not (est.ok() and est.s > mm.s):
            return mm
        return est if est.ok() else mm

    def below(mm, limit):
        """True, False or None (unknown) for mm < limit."""
        if not mm.ok():
            return None
        if mm.kind == "lower":
            return False if mm.s >= limit else None
        return mm.s < limit

    def target(text, value, ok, est=False):
        v = "not measured" if ok is None else "met" if ok else "NOT met"
        if ok is not None and est:
            v += " (estimated)"
        print(f"    {text:<58} {value:<34} {v}", file=out)

    def peak_gib(size, step):
        r = rows.get((size, "chokepoint", step))
        return r["kb"] / 1048576 if r and r["kb"] else None

    def peak_target(text, size, step, limit):
        pk = peak_gib(size, step)
        mm = t(size, "chokepoint", step)
        if pk is None:
            target(text, "-", None)
        elif mm.kind == "ok":
            target(text, f"{pk:.2f} GiB", pk < limit)
        else:  # cut off: the peak so far is a lower bound
            target(text, f">{pk:.2f} GiB (cut off)", False if pk >= limit else None)

    def maxflow_target(size, times):
        a, b = t(size, "stages", "maxflow"), t(size, "igraph", "maxflow")
        va = rows.get((size, "stages", "maxflow"), {}).get("value")
        vb = rows.get((size, "igraph", "maxflow"), {}).get("value")
        same = (abs(float(va) - float(vb)) <= 1e-9 * max(1.0, abs(float(vb)))) \
            if va and vb else None
        ok = None
        if a.kind == "ok" and b.kind == "ok":
            ok = b.s / a.s >= times and bool(same)
        target(f"{size}: max flow >= {times}x faster than igraph_maxflow",
               f"{ratio(b, a) or '-'} ({a} vs {b}), " +
               ("same value" if same else "values DIFFER" if same is False else "value n/a"),
               ok)

    big = "1e6"
    a = analyze_time(big, "csv")
    j = analyze_time(big, "json")
    print("  issue 21, on every shape:", file=out)
    target("1e6 from CSV: analyze under 30 s", str(a), below(a, 30), a.kind == "est")
    target("1e6 from JSON: analyze under 40 s", str(j), below(j, 40), j.kind == "est")
    peak_target("1e6 from CSV: analyze peak memory under 2 GiB", big, "analyze_csv", 2)
    peak_target("1e6 from JSON: analyze peak memory under 2 GiB", big, "analyze_json", 2)
    for src in ("csv", "json"):
        # NetworkX doing only what it can do fast: loading, the maximum flow and dominators
        nxt = total([get(rows, "1e5", "nx", s) for s in (f"load_{src}", "maxflow", "dominators")])
        ck = analyze_time("1e5", src)
        ok = None
        if ck.ok() and nxt.ok() and ck.kind != "lower":
            ok = nxt.s / ck.s >= 20
            if not ok and nxt.kind == "lower":  # NetworkX cut off: it may be slower still
                ok = None
        target(f"1e5 from {src.upper()}: analyze >= 20x NX load+max flow+dominators",
               f"{ratio(nxt, ck) or '-'} ({ck} vs {nxt})", ok, "est" in (ck.kind, nxt.kind))
    for size in ("1e5", "1e6"):
        maxflow_target(size, 3)
    cr = t(big, "stages", "country_risk")
    target("1e6: flow at risk of every country under 15 s", str(cr), below(cr, 15),
           cr.kind == "est")

    print("  the performance work before it (on the generator's first shape):", file=out)
    target("1e6 from CSV: check under 5 s", str(t(big, "chokepoint", "check_csv")),
           below(t(big, "chokepoint", "check_csv"), 5))
    ok = None
    if j.ok() and a.ok() and "lower" not in (a.kind, j.kind):
        ok = j.s <= 2 * a.s
    target("1e6 from JSON: analyze within 2x the CSV time", f"{j} vs 2 x {a}", ok,
           "est" in (a.kind, j.kind))
    peak_target("1e6 from JSON: analyze peak memory under 4 GiB", big, "analyze_json", 4)
    for size in ("1e5", "1e6"):
        if (size, "net", "nodes") not in rows:
            target(f"{size}: analyze >= 20x faster than NetworkX", "-", None)
            continue
        nx_analysis = ["maxflow", "dominators", "concentration", "origin", "betweenness",
                       "country_risk", "node_risk_busy", "node_risk_spof"]
        parts = [get(rows, size, "nx", s) for s in nx_analysis]
        for src in ("csv", "json"):
            nxt = total([get(rows, size, "nx", f"load_{src}")] + parts)
            ck = analyze_time(size, src)
            ok = None
            if ck.ok() and nxt.ok():
                x = nxt.s / ck.s
                ok = x >= 20 if ck.kind != "lower" else (False if x < 20 else None)
            target(f"{size} from {src.upper()}: analyze >= 20x faster than NetworkX",
                   f"{ratio(nxt, ck) or '-'} ({ck} vs {nxt})", ok,
                   "est" in (ck.kind, nxt.kind))
    for size in ("1e5", "1e6"):
        a, b = t(size, "stages", "load_csv"), t(size, "nx", "load_csv")
        ok = (b.s / a.s >= 10) if a.kind == "ok" and b.kind == "ok" else None
        target(f"{size}: CSV loader >= 10x faster than NetworkX's",
               f"{ratio(b, a) or '-'} ({a} vs {b})", ok)
    maxflow_target(big, 10)
    nb = t(big, "stages", "node_risk_busy")
    target("1e6: flow at risk of the 1,000 busiest under 60 s", str(nb), below(nb, 60),
           nb.kind == "est")


if __name__ == "__main__":
    main()
