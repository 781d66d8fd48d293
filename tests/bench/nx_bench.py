#!/usr/bin/python3
"""NetworkX side of the benchmark (tests/bench/run).

The computations of `chokepoint analyze`, written as a competent Python user
would with NetworkX (Debian python3-networkx), following docs/analysis.md:

  load_csv       csv.reader on nodes.csv and edges.csv into an nx.DiGraph
  load_json      json.load of network.json into an nx.DiGraph
  maxflow        served demand: node-split graph, super source and sink,
                 nx.maximum_flow (preflow-push; value and flow)
  dominators     nx.immediate_dominators from a super source; single points
                 of failure and their dominated demand
  articulation   nx.articulation_points on the undirected view
  concentration  HHI per tier by country and owner (capacity or volume basis)
  origin         origin tracing by proportional mixing, strongly connected
                 components in topological order, Gauss-Seidel inside cycles
  betweenness    nx.betweenness_centrality(k=SAMPLES, seed=SEED,
                 normalized=False), scaled by n/k
  country_risk   served demand with each country removed (one max flow each)
  node_risk      served demand with each node removed, for the nodes
                 `chokepoint analyze` computes: all carrying flow up to
                 EXACT_LIMIT nodes (node_risk), else the RISK_TOP busiest
                 (node_risk_busy) and every other single point of failure
                 (node_risk_spof)
  redundancy     (only up to EXACT_LIMIT nodes) local node connectivity from
                 the super source to each end user with no dominator
  betweenness_exact  (only up to EXACT_LIMIT nodes) exact, as analyze does there

Each step is skipped when its estimated time is over --limit seconds, and cut
off at 3 x --limit (SIGALRM). Output, one line per step:
  step NAME SECONDS [VALUE]     measured
  skip NAME SECONDS             estimated SECONDS, over the limit, not run
  timeout NAME SECONDS          cut off after SECONDS
Estimates scale the previous size's measured time (--prior, a JSON file this
script wrote) by (n / n_prior)^alpha; without a prior, from constants measured
on the 2-core reference machine.
"""
import argparse
import csv
import gc
import json
import math
import signal
import sys
import time

import networkx as nx

# growth exponent per step, time ~ n^alpha on these networks
ALPHA = {"load_csv": 1.0, "load_json": 1.0, "maxflow": 1.5, "dominators": 1.1,
         "articulation": 1.1, "concentration": 1.0, "origin": 1.05, "betweenness": 1.1,
         "betweenness_exact": 2.0, "redundancy": 2.0}
# seconds at 1e5 nodes on the reference machine, when no prior is given
FALLBACK_1E5 = {"load_csv": 6.0, "load_json": 7.0, "maxflow": 40.0, "dominators": 3.0,
                "articulation": 3.0, "concentration": 1.0, "origin": 20.0, "betweenness": 30.0,
                "betweenness_exact": 1e5, "redundancy": 1e4}


class Cutoff(Exception):
    pass


def on_alarm(signum, frame):
    raise Cutoff()


def num(s):
    s = s.strip() if s is not None else ""
    return float(s) if s else None


def load_csv(nodes_path, edges_path):
    G = nx.DiGraph()
    with open(nodes_path, newline="", encoding="utf-8-sig") as f:
        r = csv.reader(f)
        h = {k.strip(): i for i, k in enumerate(next(r))}
        iid, iname, itier, icountry, iowner = (h["id"], h.get("name"), h["tier"], h["country"],
                                               h.get("owner"))
        icap, idem, istock = h.get("capacity"), h.get("demand"), h.get("stock")
        for row in r:
            if not row:
                continue
            G.add_node(row[iid].strip(),
                       name=row[iname].strip() if iname is not None else None,
                       tier=row[itier].strip(), country=row[icountry].strip(),
                       owner=(row[iowner].strip() or None) if iowner is not None else None,
                       capacity=num(row[icap]) if icap is not None else None,
                       demand=num(row[idem]) if idem is not None else None,
                       stock=num(row[istock]) if istock is not None else None)
    with open(edges_path, newline="", encoding="utf-8-sig") as f:
        r = csv.reader(f)
        h = {k.strip(): i for i, k in enumerate(next(r))}
        ifrom, ito, ivol, icap = h["from"], h["to"], h.get("volume"), h.get("capacity")
        for row in r:
            if not row:
                continue
            vol = num(row[ivol]) if ivol is not None else None
            G.add_edge(row[ifrom].strip(), row[ito].strip(), volume=vol or 0.0,
                       capacity=num(row[icap]) if icap is not None else None)
    return G


def load_json(path):
    with open(path, encoding="utf-8-sig") as f:
        doc = json.load(f)
    G = nx.DiGraph(tiers=doc["tiers"])
    for x in doc["nodes"]:
        G.add_node(x["id"], name=x.get("name"), tier=x["tier"], country=x["country"],
                   owner=x.get("owner"), capacity=x.get("capacity"), demand=x.get("demand"),
                   stock=x.get("stock"))
    for x in doc["edges"]:
        G.add_edge(x["from"], x["to"], volume=x.get("volume") or 0.0,
                   capacity=x.get("capacity"))
    return G, doc["tiers"]


def demand_of(G, u):
    d = G.nodes[u]["demand"]
    if d is None:
        d = sum(a["volume"] for _, _, a in G.in_edges(u, data=True))
    return d


def split_graph(G, sources, end_users):
    """Node-split flow network: (v,0) -> (v,1) carries the node's capacity;
    a missing capacity attribute means unbounded in NetworkX."""
    H = nx.DiGraph()
    for v, a in G.nodes(data=True):
        if a["capacity"] is None:
            H.add_edge((v, 0), (v, 1))
        else:
            H.add_edge((v, 0), (v, 1), capacity=a["capacity"])
    for u, v, a in G.edges(data=True):
        if a["capacity"] is None:
            H.add_edge((u, 1), (v, 0))
        else:
            H.add_edge((u, 1), (v, 0), capacity=a["capacity"])
    for s in sources:
        H.add_edge("_S", (s, 0))
    for u in end_users:
        H.add_edge((u, 1), "_T", capacity=demand_of(G, u))
    return H


def served_without(H, nodes):
    """Max flow value with the given nodes removed (their split arc closed)."""
    saved = []
    for v in nodes:
        a = H[(v, 0)][(v, 1)]
        saved.append((a, a.get("capacity")))
        a["capacity"] = 0.0
    try:
        return nx.maximum_flow_value(H, "_S", "_T")
    finally:
        for a, c in saved:
            if c is None:
                del a["capacity"]
            else:
                a["capacity"] = c


def concentration(G, tiers):
    by_tier = {t: [] for t in tiers}
    for v, a in G.nodes(data=True):
        by_tier[a["tier"]].append(v)
    out_vol = {v: 0.0 for v in G}
    in_vol = {v: 0.0 for v in G}
    for u, v, a in G.edges(data=True):
        out_vol[u] += a["volume"]
        in_vol[v] += a["volume"]
    result = {}
    last = tiers[-1]
    for t in tiers:
        members = by_tier[t]
        all_cap = bool(members) and all(G.nodes[v]["capacity"] is not None for v in members)
        amount = {v: (G.nodes[v]["capacity"] if all_cap else
                      in_vol[v] if t == last else out_vol[v]) for v in members}
        total = sum(amount.values())
        by_country, by_owner = {}, {}
        for v in members:
            c = G.nodes[v]["country"]
            by_country[c] = by_country.get(c, 0.0) + amount[v]
            o = G.nodes[v]["owner"]
            by_owner[o] = by_owner.get(o, 0.0) + amount[v]
        share = {c: (x / total if total > 0 else 0.0) for c, x in by_country.items()}
        hhi = sum((100 * s) ** 2 for s in share.values())
        oshare = {o: (x / total if total > 0 else 0.0) for o, x in by_owner.items()}
        owner_hhi = (sum((100 * s) ** 2 for o, s in oshare.items() if o is not None)
                     if any(o is not None for o in oshare) else float("nan"))
        result[t] = ("capacity" if all_cap else "volume" if total > 0 else "none", hhi, owner_hhi,
                     sorted(share.items(), key=lambda kv: (-kv[1], kv[0])))
    return result


def origin(G, tiers):
    """Share of each end user's inflow originating at each tier in each country."""
    cond = nx.condensation(G)
    order = [cond.nodes[c]["members"] for c in nx.topological_sort(cond)]
    inflow = {v: 0.0 for v in G}
    preds = {v: [] for v in G}
    for u, v, a in G.edges(data=True):
        inflow[v] += a["volume"]
        preds[v].append((u, a["volume"]))
    end_users = [v for v, a in G.nodes(data=True) if a["tier"] == tiers[-1]]
    tier_of = nx.get_node_attributes(G, "tier")
    country_of = nx.get_node_attributes(G, "country")
    result = {}
    for t in tiers[:-1]:
        mix = {}

        def mix_node(v, cyclic=False):
            acc = {}
            w = inflow[v]
            if w > 0:
                for u, vol in preds[v]:
                    mu = mix.get(u)
                    if mu:
                        for c, s in mu.items():
                            acc[c] = acc.get(c, 0.0) + vol * s
                for c in acc:
                    acc[c] /= w
            change = 0.0
            if cyclic:
                old = mix.get(v, {})
                change = max((abs(acc.get(c, 0.0) - old.get(c, 0.0))
                              for c in set(acc) | set(old)), default=0.0)
            mix[v] = acc
            return change

        for v in G:
            if tier_of[v] == t:
                mix[v] = {country_of[v]: 1.0}
        for members in order:
            if len(members) == 1:
                (v,) = members
                if tier_of[v] != t:
                    mix_node(v)
                continue
            members = [v for v in members if tier_of[v] != t]
            while True:
                change = 0.0
                for v in members:
                    change = max(change, mix_node(v, True))
                if change <= 1e-15:
                    break
        result[t] = {u: mix.get(u, {}) for u in end_users}
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--nodes", required=True)
    ap.add_argument("--edges", required=True)
    ap.add_argument("--limit", type=float, default=300.0)
    ap.add_argument("--prior", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--samples", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--risk-top", type=int, default=1000)
    ap.add_argument("--exact-limit", type=int, default=5000)
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, on_alarm)

    # node count from the nodes file (lines), for the estimates before loading
    with open(args.nodes, "rb") as f:
        n_est = sum(1 for _ in f) - 1
    prior = None
    if args.prior:
        try:
            with open(args.prior) as f:
                prior = json.load(f)
        except (OSError, ValueError):
            prior = None
    results = {"n": n_est, "steps": {}}

    def estimate(name, n):
        if prior and name in prior["steps"] and prior["steps"][name][0] == "step":
            t, n0 = prior["steps"][name][1], prior["n"]
            return max(t, 1e-3) * (n / n0) ** ALPHA[name]
        if name in FALLBACK_1E5:
            return FALLBACK_1E5[name] * (n / 1e5) ** ALPHA[name]
        return 0.0

    def report(kind, name, seconds, value=None):
        results["steps"][name] = [kind, seconds, value]
        print(f"{kind} {name} {seconds:.6f}" + (f" {value}" if value is not None else ""),
              flush=True)
        if args.out:
            with open(args.out, "w") as f:
                json.dump(results, f)

    def run(name, fn, est=None):
        """Run fn() unless estimated over the limit; cut it off at 3 x limit."""
        if est is None:
            est = estimate(name, n_est)
        if est > args.limit:
            report("skip", name, est)
            return None
        cap = 3 * args.limit
        signal.setitimer(signal.ITIMER_REAL, cap)
        t0 = time.perf_counter()
        try:
            value = fn()
        except Cutoff:
            report("timeout", name, cap)
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        dt = time.perf_counter() - t0
        report("step", name, dt, value[1] if isinstance(value, tuple) else None)
        return value[0] if isinstance(value, tuple) else value

    # ---- loads: CSV first (then freed), JSON kept for the analysis ----
    G = run("load_csv", lambda: (load_csv(args.nodes, args.edges),
                                 None))
    if G is not None:
        results["n"] = n_est = G.number_of_nodes()
        del G
        gc.collect()
    loaded = run("load_json", lambda: (load_json(args.json), None))
    if loaded is None:
        # the analysis needs a graph: load it untimed
        loaded = load_json(args.json)
    G, tiers = loaded
    gc.collect()
    n = G.number_of_nodes()
    sources = [v for v, a in G.nodes(data=True) if a["tier"] == tiers[0]]
    end_users = [v for v, a in G.nodes(data=True) if a["tier"] == tiers[-1]]

    # ---- served demand ----
    state = {}

    def do_maxflow():
        H = split_graph(G, sources, end_users)
        value, fd = nx.maximum_flow(H, "_S", "_T")
        state["H"] = H
        state["flow"] = {v: fd[(v, 0)][(v, 1)] for v in G}
        return value, f"{value:.12g}"

    served = run("maxflow", do_maxflow)

    # ---- dominators and single points of failure ----
    def do_dominators():
        G.add_edges_from(("_S", s) for s in sources)  # the super source, removed below
        try:
            idom = nx.immediate_dominators(G, "_S")
        finally:
            G.remove_node("_S")
        dominated = {}
        for u in end_users:
            if u not in idom:
                continue  # unreachable
            d = idom[u]
            du = demand_of(G, u)
            while d != "_S":
                dominated[d] = dominated.get(d, 0.0) + du
                d = idom[d]
        state["spofs"] = set(dominated)
        return len(dominated), str(len(dominated))

    run("dominators", do_dominators)

    run("articulation", lambda: (None, str(sum(1 for _ in nx.articulation_points(
        G.to_undirected(as_view=True))))))
    run("concentration", lambda: (concentration(G, tiers), None))
    run("origin", lambda: (origin(G, tiers), None))

    def do_betweenness(k):
        b = nx.betweenness_centrality(G, k=k, seed=args.seed, normalized=False)
        if k is not None:  # NetworkX does not rescale directed, unnormalised samples
            for v in b:
                b[v] *= n / k
        return None, f"{max(b.values()):.6g}"

    run("betweenness", lambda: do_betweenness(min(args.samples, n)))
    if n <= args.exact_limit:
        run("betweenness_exact", lambda: do_betweenness(None))

    # ---- flow at risk: estimated from one solve when over the limit ----
    t_flow = results["steps"].get("maxflow", [None, None])
    t_one = t_flow[1] if t_flow[0] == "step" else estimate("maxflow", n)
    countries = sorted({a["country"] for _, a in G.nodes(data=True)})
    by_country = {}
    for v, a in G.nodes(data=True):
        by_country.setdefault(a["country"], []).append(v)
    have_flow = "H" in state
    if have_flow:
        def do_country():
            base = served
            risk = {c: base - served_without(state["H"], by_country[c]) for c in countries}
            return None, f"{len(risk)}/{len(countries)}"
        run("country_risk", do_country, est=len(countries) * t_one * 0.8)
    else:
        report("skip", "country_risk", len(countries) * t_one * 0.8)

    def node_risk(name, chosen):
        if not have_flow:
            report("skip", name, len(chosen) * t_one * 0.8)
            return
        chosen = [v for v in chosen if state["flow"][v] != 0]

        def do_nodes():
            risk = {v: served - served_without(state["H"], [v]) for v in chosen}
            return None, f"{len(risk)}/{len(chosen)}"
        run(name, do_nodes, est=len(chosen) * t_one * 0.8)

    if n <= args.exact_limit:
        node_risk("node_risk", list(G))
    else:
        through = {}
        first = tiers[0]
        for v, a in G.nodes(data=True):
            if a["tier"] == first:
                through[v] = sum(x["volume"] for _, _, x in G.out_edges(v, data=True))
            else:
                through[v] = sum(x["volume"] for _, _, x in G.in_edges(v, data=True))
        busy = sorted(G, key=lambda v: (-through[v], v))[:args.risk_top]
        node_risk("node_risk_busy", busy)
        busy = set(busy)
        node_risk("node_risk_spof", [v for v in state.get("spofs", ()) if v not in busy])

    if n <= args.exact_limit:
        def do_redundancy():
            from networkx.algorithms.connectivity import (build_auxiliary_node_connectivity,
                                                          local_node_connectivity)
            from networkx.algorithms.flow import build_residual_network
            D = G.copy()
            for s in sources:
                D.add_edge("_S", s)
            idom = nx.immediate_dominators(D, "_S")
            A = build_auxiliary_node_connectivity(D)
            R = build_residual_network(A, "capacity")
            k = 0
            for u in end_users:
                if u in idom and idom[u] == "_S":
                    local_node_connectivity(D, "_S", u, auxiliary=A, residual=R)
                    k += 1
            return None, str(k)
        run("redundancy", do_redundancy)


if __name__ == "__main__":
    sys.setrecursionlimit(100000)
    main()
