#!/usr/bin/env python3
"""Check chokepoint network, scenario and plan files (python3 standard library only).

Usage:
    validate.py [options] FILE...

Each FILE is a network (it has "format": "chokepoint-network/1" or "/2"), a
scenario or a plan (told apart by their keys, or by a scenarios/ or plans/ folder
in the path). Scenarios and plans are checked against a network: --network NET,
or by default the network NAME.json beside the folder NAME/ that holds scenarios/
and plans/ (NAME-v2.json for a file whose name ends in -v2.json).

Network rules checked (errors):
  - "format" is chokepoint-network/1 or /2; "name", "unit", "source" are strings;
    "tiers" lists at least two distinct names; "nodes" and "edges" are arrays
  - node ids unique, lowercase snake_case; tier one of "tiers"; country an
    ISO 3166-1 alpha-2 code (two uppercase letters, officially assigned or
    user-assigned); capacity, demand, stock absent/null or finite numbers >= 0;
    demand only on last-tier nodes
  - edges join two different existing nodes, one edge per (from, to) pair;
    volume present, finite, >= 0; capacity absent/null or finite >= 0;
    volume <= edge capacity
  - every node and every edge has a non-empty "source" or "estimate"
  - every node between the first and last tier balances: incoming and outgoing
    volumes within --tolerance (default 5%) of the larger
  - a node's throughput (first tier: outflow; last tier: inflow; others: the
    larger) is at most its capacity; an end user's inflow is at most its
    demand (+ tolerance)
Version 2 (a "materials" list, docs/format.md): materials have unique ids;
recipes, yields and outputs name known materials with numbers above 0; every
edge's material is given or told from its "from" node; an edge's material is in
its "to" node's recipe when it has one, and its "from" node makes or receives it.
Flows are then checked per material: a node without a recipe balances each
material; a recipe node's throughput is its output over its yield, and each
recipe material's inflow must lie within --recipe-tolerance (default 10%) of
coefficient x throughput; a first-tier node's throughput is its largest outflow
over the yield. Shares are reported per material, and the focus end users' trace
per material they embed (Dy/Tb in magnets counts as Dy/Tb).
Warnings: unknown keys, missing description/year, first-tier nodes with
suppliers (the tool feeds every first-tier node from a super-source), nodes
without supplier or customer, edges against the tier order, cycles, end users
whose inflow falls short of demand by more than the tolerance.

Report for a valid network: the share of each tier held by --country (CN) by
capacity (over nodes with a capacity) and by outgoing volume (last tier: by
incoming volume), marking the basis the chokepoint tool uses (capacity when
every node of the tier has one); and for each end user of --focus (JP) the
share of its inflow that passed through a --country node of the --sep-tier
tier (separation), with proportional mixing at every node.

Plans: removals, then additions, then updates, every reference checked;
added nodes and edges are checked like the network's (source or estimate
included); update_nodes may change only capacity, demand and stock (and, in a
version 2 network, recipe), and update_edges only volume and capacity; the
planned network must be valid, except that imbalances are only warned.

Exit status: 0 when every file is valid (and, with --strict, has no warning),
1 otherwise, 2 on usage errors.
"""

import argparse
import json
import math
import os
import re
import sys
from collections import defaultdict

FORMAT = "chokepoint-network/1"
FORMATS = (FORMAT, "chokepoint-network/2")

ASSIGNED = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM
US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())
assert len(ASSIGNED) == 249

ID_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[A-Z]{2}$")

TOP_KEYS = {"format", "name", "unit", "year", "description", "source", "tiers", "nodes", "edges",
            "materials", "groups", "ttr_days"}
NODE_KEYS = {"id", "name", "tier", "country", "owner", "capacity", "demand", "stock", "ttr_days",
             "source", "estimate", "recipe", "output", "yields"}
EDGE_KEYS = {"from", "to", "volume", "capacity", "source", "estimate", "material"}
SCENARIO_KEYS = {"name", "description", "source", "remove_nodes", "remove_countries", "embargo",
                 "capacity", "duration_days"}
PLAN_KEYS = {"name", "description", "source", "add_nodes", "add_edges", "remove_nodes",
             "remove_edges", "update_nodes", "update_edges"}
PLAN_ONLY = PLAN_KEYS - SCENARIO_KEYS
SCENARIO_ONLY = SCENARIO_KEYS - PLAN_KEYS
NODE_UPDATABLE = ("capacity", "demand", "stock", "recipe")  # what a plan's update_nodes may change
EDGE_UPDATABLE = ("volume", "capacity")            # and update_edges
EPS = 1e-9


def user_assigned(code):
    return code in ("AA", "ZZ") or code[0] == "X" or (code[0] == "Q" and code[1] >= "M")


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def fmt(x):
    if x is None:
        return "-"
    if abs(x - round(x)) < 1e-6:
        return f"{round(x):,}"
    return f"{x:,.1f}"


def pct(a, b):
    return "n/a" if b <= 0 else f"{100.0 * a / b:5.1f}%"


class Report:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.warnings = []
        self.lines = []

    def error(self, msg):
        self.errors.append(msg)

    def warn(self, msg):
        self.warnings.append(msg)

    def out(self, msg=""):
        self.lines.append(msg)


def load_json(path, rep):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        rep.error(f"cannot read: {exc}")
        return None

    def no_dup(pairs):
        obj = {}
        for k, v in pairs:
            if k in obj:
                raise ValueError(f"duplicate key {k!r}")
            obj[k] = v
        return obj

    def bad_constant(name):
        raise ValueError(f"{name} is not a finite number")

    try:
        return json.loads(text, object_pairs_hook=no_dup, parse_constant=bad_constant)
    except ValueError as exc:
        rep.error(f"invalid JSON: {exc}")
        return None


# --------------------------------------------------------------------------- network checks

def check_number(rep, where, obj, key, required=False):
    """Absent/null -> None; else a finite number >= 0 (reported otherwise)."""
    if key not in obj or obj[key] is None:
        if required:
            rep.error(f"{where}: missing \"{key}\"")
        return None
    v = obj[key]
    if not is_number(v):
        rep.error(f"{where}: \"{key}\" must be a number, not {type(v).__name__} ({v!r})")
        return None
    if not math.isfinite(v):
        rep.error(f"{where}: \"{key}\" must be finite")
        return None
    if v < 0:
        rep.error(f"{where}: \"{key}\" is negative ({v})")
        return None
    return float(v)


def check_provenance(rep, where, obj):
    ok = False
    for key in ("source", "estimate"):
        if key in obj and obj[key] is not None:
            if not isinstance(obj[key], str):
                rep.error(f"{where}: \"{key}\" must be a string")
            elif obj[key].strip():
                ok = True
    if not ok:
        rep.error(f"{where}: needs a non-empty \"source\" (citation) or \"estimate\" (derivation)")


def check_node(rep, node, index, tiers, ids):
    """Check one node object; returns a clean dict or None."""
    where = f"node {index}"
    if not isinstance(node, dict):
        rep.error(f"{where}: must be an object")
        return None
    nid = node.get("id")
    if not isinstance(nid, str) or not nid:
        rep.error(f"{where}: missing or empty \"id\"")
        return None
    where = f"node '{nid}'"
    if not ID_RE.match(nid):
        rep.error(f"{where}: id must be lowercase snake_case ([a-z][a-z0-9_]*)")
    if nid in ids:
        rep.error(f"{where}: duplicate id")
    for k in node:
        if k not in NODE_KEYS:
            rep.warn(f"{where}: unknown key \"{k}\"")
    if "name" in node and node["name"] is not None and not isinstance(node["name"], str):
        rep.error(f"{where}: \"name\" must be a string")
    elif not node.get("name"):
        rep.warn(f"{where}: no \"name\"")
    tier = node.get("tier")
    if tier not in tiers:
        rep.error(f"{where}: tier {tier!r} is not one of {tiers}")
    country = node.get("country")
    if not isinstance(country, str) or not CODE_RE.match(country):
        rep.error(f"{where}: country {country!r} must be two uppercase letters (ISO 3166-1 alpha-2)")
    elif country not in ASSIGNED:
        if user_assigned(country):
            rep.warn(f"{where}: country {country} is a user-assigned code")
        else:
            hint = " (use GB)" if country == "UK" else ""
            rep.error(f"{where}: country {country} is not an assigned ISO 3166-1 alpha-2 code{hint}")
    if "owner" in node and node["owner"] is not None and not isinstance(node["owner"], str):
        rep.error(f"{where}: \"owner\" must be a string")
    cap = check_number(rep, where, node, "capacity")
    dem = check_number(rep, where, node, "demand")
    stock = check_number(rep, where, node, "stock")
    if dem is not None and tiers and tier != tiers[-1]:
        rep.error(f"{where}: \"demand\" is only for end users (tier '{tiers[-1]}')")
    if tiers and tier == tiers[-1] and dem is None:
        rep.warn(f"{where}: end user without \"demand\"")
    check_provenance(rep, where, node)
    return {"id": nid, "tier": tier, "country": country if isinstance(country, str) else "",
            "capacity": cap, "demand": dem, "stock": stock, "owner": node.get("owner"),
            "raw": node}


def check_edge(rep, edge, index, node_ids, pairs):
    where = f"edge {index}"
    if not isinstance(edge, dict):
        rep.error(f"{where}: must be an object")
        return None
    frm, to = edge.get("from"), edge.get("to")
    if isinstance(frm, str) and isinstance(to, str):
        where = f"edge {frm} -> {to}"
    for k in edge:
        if k not in EDGE_KEYS:
            rep.warn(f"{where}: unknown key \"{k}\"")
    ok = True
    for key, val in (("from", frm), ("to", to)):
        if not isinstance(val, str):
            rep.error(f"{where}: missing \"{key}\"")
            ok = False
        elif val not in node_ids:
            rep.error(f"{where}: unknown node '{val}' in \"{key}\"")
            ok = False
    if ok and frm == to:
        rep.error(f"{where}: self-loop")
        ok = False
    if ok and (frm, to) in pairs:
        rep.error(f"{where}: duplicate edge (one edge per pair; add up the volumes)")
        ok = False
    vol = check_number(rep, where, edge, "volume", required=True)
    cap = check_number(rep, where, edge, "capacity")
    if vol is not None and cap is not None and vol > cap + EPS:
        rep.error(f"{where}: volume {fmt(vol)} exceeds the edge capacity {fmt(cap)}")
    check_provenance(rep, where, edge)
    if not ok:
        return None
    pairs.add((frm, to))
    return {"from": frm, "to": to, "volume": vol if vol is not None else 0.0, "capacity": cap,
            "raw": edge}


def check_structure(rep, net):
    """Check everything but flows. Returns (tiers, nodes, edges) or None."""
    if not isinstance(net, dict):
        rep.error("the top level must be a JSON object")
        return None
    for k in net:
        if k not in TOP_KEYS:
            rep.warn(f"unknown top-level key \"{k}\"")
    if net.get("format") not in FORMATS:
        rep.error(f"\"format\" must be one of {', '.join(FORMATS)}, not {net.get('format')!r}")
    for key in ("name", "unit", "source"):
        if not isinstance(net.get(key), str) or not net[key].strip():
            rep.error(f"\"{key}\" must be a non-empty string")
    if not isinstance(net.get("description"), str) or not net["description"].strip():
        rep.warn("no \"description\"")
    year = net.get("year")
    if year is None:
        rep.warn("no \"year\"")
    elif not is_number(year) or not math.isfinite(year):
        rep.error("\"year\" must be a finite number")
    tiers = net.get("tiers")
    if (not isinstance(tiers, list) or len(tiers) < 2
            or not all(isinstance(t, str) and t for t in tiers)):
        rep.error("\"tiers\" must list at least two non-empty tier names, sources first")
        tiers = [t for t in tiers if isinstance(t, str)] if isinstance(tiers, list) else []
    elif len(set(tiers)) != len(tiers):
        rep.error("\"tiers\" lists a tier twice")
    if not isinstance(net.get("nodes"), list) or not isinstance(net.get("edges"), list):
        rep.error("\"nodes\" and \"edges\" must be arrays")
        return None
    nodes = {}
    for i, raw in enumerate(net["nodes"]):
        n = check_node(rep, raw, i, tiers, nodes)
        if n and n["id"] not in nodes:
            nodes[n["id"]] = n
    pairs = set()
    edges = []
    for i, raw in enumerate(net["edges"]):
        e = check_edge(rep, raw, i, nodes, pairs)
        if e:
            edges.append(e)
    if tiers and nodes:
        if not any(n["tier"] == tiers[0] for n in nodes.values()):
            rep.error(f"no node in the first tier '{tiers[0]}': the network needs sources")
        if not any(n["tier"] == tiers[-1] for n in nodes.values()):
            rep.error(f"no node in the last tier '{tiers[-1]}': the network needs end users")
    return tiers, nodes, edges


def find_cycles(nodes, edges):
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    succ = defaultdict(list)
    for e in edges:
        succ[e["from"]].append(e["to"])
    index, low, on, stack, comps = {}, {}, set(), [], []
    counter = [0]
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(succ[root]))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(succ[w])))
                    advanced = True
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    comps.append(sorted(comp))
    return comps


def check_flows(rep, tiers, nodes, edges, tol, balance_is_error=True):
    inflow, outflow = defaultdict(float), defaultdict(float)
    has_in, has_out = set(), set()
    for e in edges:
        inflow[e["to"]] += e["volume"]
        outflow[e["from"]] += e["volume"]
        has_in.add(e["to"])
        has_out.add(e["from"])
    tier_index = {t: i for i, t in enumerate(tiers)}
    first, last = tiers[0], tiers[-1]
    for nid, n in nodes.items():
        fin, fout = inflow[nid], outflow[nid]
        where = f"node '{nid}'"
        if n["tier"] == first:
            through = fout
            if nid in has_in:
                rep.warn(f"{where}: first-tier node with suppliers (the tool treats every "
                         f"first-tier node as a source)")
        elif n["tier"] == last:
            through = fin
        else:
            through = max(fin, fout)
            big = max(fin, fout)
            if big > EPS and abs(fin - fout) > tol * big + EPS:
                msg = (f"{where}: unbalanced: in {fmt(fin)}, out {fmt(fout)} "
                       f"({100 * abs(fin - fout) / big:.1f}% apart, more than {100 * tol:g}%)")
                (rep.error if balance_is_error else rep.warn)(msg)
        if n["capacity"] is not None and through > n["capacity"] + EPS:
            rep.error(f"{where}: throughput {fmt(through)} exceeds its capacity {fmt(n['capacity'])}")
        if n["tier"] == last and n["demand"] is not None:
            if fin > n["demand"] * (1 + tol) + EPS:
                rep.error(f"{where}: inflow {fmt(fin)} exceeds its demand {fmt(n['demand'])}")
            elif fin < n["demand"] * (1 - tol) - EPS:
                rep.warn(f"{where}: inflow {fmt(fin)} is short of its demand {fmt(n['demand'])}")
        if n["tier"] != first and nid not in has_in:
            rep.warn(f"{where}: no supplier (no incoming edge)")
        if n["tier"] != last and nid not in has_out:
            rep.warn(f"{where}: no customer (no outgoing edge)")
    for e in edges:
        a, b = nodes[e["from"]]["tier"], nodes[e["to"]]["tier"]
        if a in tier_index and b in tier_index and tier_index[b] < tier_index[a]:
            rep.warn(f"edge {e['from']} -> {e['to']}: goes against the tier order ({a} -> {b})")
    for comp in find_cycles(nodes, edges):
        rep.warn(f"cycle through {len(comp)} nodes: {', '.join(comp[:6])}"
                 f"{', ...' if len(comp) > 6 else ''}")
    return inflow, outflow


# --------------------------------------------------------------------------- materials (v2)

def coef_map(rep, where, node, key, known):
    """A node's recipe or yields: {material: number > 0}, or {} when absent."""
    v = node.get(key)
    if v is None:
        return {}
    if not isinstance(v, dict) or not v:
        rep.error(f"{where}: \"{key}\" must be an object {{material: number}}")
        return {}
    out = {}
    for m, c in v.items():
        if m not in known:
            rep.error(f"{where}: \"{key}\" names unknown material '{m}'")
        elif not is_number(c) or not math.isfinite(c) or c <= 0:
            rep.error(f"{where}: \"{key}\": '{m}' must be a finite number above 0")
        else:
            out[m] = float(c)
    return out


def check_materials(rep, net, tiers, nodes, edges):
    """Read materials, recipes and yields onto the nodes; tell each edge's material (e["mat"])."""
    mats = net.get("materials")
    if not isinstance(mats, list) or not all(isinstance(m, dict) for m in mats):
        rep.error("\"materials\" must be an array of objects {\"id\", \"name\", \"unit\"}")
        return False
    known = set()
    for i, m in enumerate(mats):
        mid = m.get("id")
        if not isinstance(mid, str) or not mid:
            rep.error(f"material {i}: missing \"id\"")
        elif mid in known:
            rep.error(f"material {i}: duplicate material '{mid}'")
        known.add(mid)
        for k in ("name", "unit"):
            if not isinstance(m.get(k), str) or not m[k].strip():
                rep.warn(f"material '{mid}': no \"{k}\"")
    for nid, n in nodes.items():
        where, raw = f"node '{nid}'", n["raw"]
        n["recipe"] = coef_map(rep, where, raw, "recipe", known)
        n["yields"] = coef_map(rep, where, raw, "yields", known)
        if raw.get("output") is not None:
            if raw["output"] not in known:
                rep.error(f"{where}: \"output\" names unknown material {raw['output']!r}")
            elif n["yields"]:
                rep.error(f"{where}: give \"output\" or \"yields\", not both")
            else:
                n["yields"] = {raw["output"]: 1.0}
        first, last = n["tier"] == tiers[0], n["tier"] == tiers[-1]
        if first and n["recipe"]:
            rep.error(f"{where}: a first-tier node cannot have a \"recipe\"")
        if first and not n["yields"] and len(known) > 1:
            rep.error(f"{where}: a first-tier node needs \"output\" or \"yields\"")
        if not first and not last and bool(n["recipe"]) != bool(n["yields"]):
            rep.error(f"{where}: a recipe needs \"output\" or \"yields\", and they need a recipe")
    if rep.errors:
        return False
    # tell materials: given, else what the from node makes alone, else what it passes alone
    for e in edges:
        given = e["raw"].get("material")
        if given is not None and given not in known:
            rep.error(f"edge {e['from']} -> {e['to']}: unknown material {given!r}")
        e["mat"] = given
    ins = defaultdict(list)
    for e in edges:
        ins[e["to"]].append(e)
    for _ in range(len(nodes) + 1):
        changed = False
        for e in edges:
            if e["mat"] is not None:
                continue
            f = nodes[e["from"]]
            if f["yields"] or f["recipe"]:
                made = list(f["yields"])
            else:
                made = {x["mat"] for x in ins[e["from"]]}
                made = [] if None in made else sorted(made)
            if len(made) == 1:
                e["mat"], changed = made[0], True
        if not changed:
            break
    for e in edges:
        where = f"edge {e['from']} -> {e['to']}"
        f, t = nodes[e["from"]], nodes[e["to"]]
        if e["mat"] is None:
            rep.error(f"{where}: its material cannot be told: give \"material\"")
            continue
        makes = e["mat"] in f["yields"]
        passes = not f["recipe"] and any(x["mat"] == e["mat"] for x in ins[e["from"]])
        if not makes and not passes:
            rep.error(f"{where}: '{e['from']}' neither makes nor receives '{e['mat']}'")
        if t["recipe"] and e["mat"] not in t["recipe"]:
            rep.error(f"{where}: '{e['mat']}' is not in the recipe of '{e['to']}'")
    for nid, n in nodes.items():
        if n["tier"] == tiers[-1] and not n["recipe"]:
            got = {x["mat"] for x in ins[nid]}
            if len(got) > 1:
                rep.error(f"node '{nid}': an end user without a recipe receives several "
                          f"materials ({', '.join(sorted(got))})")
    return not rep.errors


def check_bom_flows(rep, tiers, nodes, edges, args, balance_is_error=True):
    """Per-material balances, recipe consistency and capacities; returns per-node throughput."""
    fin, fout = defaultdict(float), defaultdict(float)
    tot_in, tot_out = defaultdict(float), defaultdict(float)
    for e in edges:
        fin[e["to"], e["mat"]] += e["volume"]
        fout[e["from"], e["mat"]] += e["volume"]
        tot_in[e["to"]] += e["volume"]
        tot_out[e["from"]] += e["volume"]
    tol, rtol = args.tolerance, args.recipe_tolerance
    through = {}
    for nid, n in nodes.items():
        where = f"node '{nid}'"
        first, last = n["tier"] == tiers[0], n["tier"] == tiers[-1]
        if n["recipe"] and n["yields"]:
            x = max((fout[nid, m] / y for m, y in n["yields"].items()), default=0.0)
            if x <= EPS:
                x = max(fin[nid, m] / r for m, r in n["recipe"].items())
            for m, r in n["recipe"].items():
                want = r * x
                if abs(fin[nid, m] - want) > rtol * max(want, fin[nid, m]) + EPS:
                    msg = (f"{where}: receives {fmt(fin[nid, m])} of '{m}' where its recipe "
                           f"({r:g} per unit) x throughput {fmt(x)} needs {fmt(want)}, more "
                           f"than {100 * rtol:g}% apart")
                    (rep.error if balance_is_error else rep.warn)(msg)
        elif n["yields"]:
            x = max((fout[nid, m] / y for m, y in n["yields"].items()), default=0.0)
        elif last:
            x = tot_in[nid]
        else:
            x = max(tot_in[nid], tot_out[nid])
            for m in {k[1] for k in list(fin) + list(fout) if k[0] == nid}:
                a, b = fin[nid, m], fout[nid, m]
                if max(a, b) > EPS and abs(a - b) > tol * max(a, b) + EPS:
                    msg = (f"{where}: '{m}' unbalanced: in {fmt(a)}, out {fmt(b)} "
                           f"({100 * abs(a - b) / max(a, b):.1f}% apart, more than "
                           f"{100 * tol:g}%)")
                    (rep.error if balance_is_error else rep.warn)(msg)
        through[nid] = x
        cap = n["capacity"]
        if cap is not None and x > cap * (1 + EPS) + EPS:
            rep.error(f"{where}: throughput {fmt(x)} exceeds its capacity {fmt(cap)}")
        if last and n["demand"] is not None and x > n["demand"] * (1 + tol) + EPS:
            rep.error(f"{where}: inflow {fmt(x)} exceeds its demand {fmt(n['demand'])}")
        elif last and n["demand"] is not None and x < n["demand"] * (1 - tol) - EPS:
            rep.warn(f"{where}: inflow {fmt(x)} is short of its demand {fmt(n['demand'])}")
        if not first and not tot_in[nid] and not any(e["to"] == nid for e in edges):
            rep.warn(f"{where}: no supplier (no incoming edge)")
        if not last and not any(e["from"] == nid for e in edges):
            rep.warn(f"{where}: no customer (no outgoing edge)")
    for comp in find_cycles(nodes, edges):
        rep.warn(f"cycle through {len(comp)} nodes: {', '.join(comp[:6])}"
                 f"{', ...' if len(comp) > 6 else ''}")
    return through


def embedded_trace(nodes, edges, raw_mats, tagged_node):
    """Per edge: units of each raw material embedded per unit, and the share of that that
    passed through a tagged node (proportional mixing; a recipe node mixes all its inputs)."""
    ins = defaultdict(list)
    for e in edges:
        ins[e["to"]].append(e)
    emb = {id(e): {} for e in edges}
    tag = {id(e): {} for e in edges}

    def avg(nid, only=None):
        amount, tagged = defaultdict(float), defaultdict(float)
        for f in ins[nid]:
            if only is not None and f["mat"] != only:
                continue
            for m, u in emb[id(f)].items():
                amount[m] += f["volume"] * u
                tagged[m] += f["volume"] * u * tag[id(f)].get(m, 0.0)
        return amount, tagged

    for _ in range(200):
        delta = 0.0
        for e in edges:
            v = nodes[e["from"]]
            if not v["recipe"] and not ins[e["from"]]:
                new_emb = {e["mat"]: 1.0} if e["mat"] in raw_mats else {}
                new_tag = {m: 1.0 if tagged_node(e["from"]) else 0.0 for m in new_emb}
            elif v["recipe"]:
                new_emb, new_tag = {}, {}
                y = v["yields"].get(e["mat"], 1.0)
                for k, r in v["recipe"].items():
                    a, t = avg(e["from"], k)
                    vol = sum(f["volume"] for f in ins[e["from"]] if f["mat"] == k)
                    for m in a:
                        new_emb[m] = new_emb.get(m, 0.0) + r * a[m] / vol / y if vol else 0.0
                a, t = avg(e["from"])
                new_tag = {m: (1.0 if tagged_node(e["from"]) else t[m] / a[m] if a[m] else 0.0)
                           for m in new_emb}
            else:
                a, t = avg(e["from"], e["mat"])
                vol = sum(f["volume"] for f in ins[e["from"]] if f["mat"] == e["mat"])
                new_emb = {m: a[m] / vol for m in a} if vol else dict(emb[id(e)])
                new_tag = {m: (1.0 if tagged_node(e["from"]) else t[m] / a[m] if a[m] else 0.0)
                           for m in new_emb}
            for m in set(new_emb) | set(emb[id(e)]):
                delta = max(delta, abs(new_emb.get(m, 0) - emb[id(e)].get(m, 0)),
                            abs(new_tag.get(m, 0) - tag[id(e)].get(m, 0)))
            emb[id(e)], tag[id(e)] = new_emb, new_tag
        if delta < 1e-12:
            break
    return avg


def report_bom(rep, net, tiers, nodes, edges, args):
    cc, focus, sep = args.country, args.focus, args.sep_tier
    mats = [m["id"] for m in net["materials"]]
    rep.out(f"nodes {len(nodes)}, edges {len(edges)}, tiers {len(tiers)}, materials "
            f"{len(mats)} ({', '.join(mats)})")
    rep.out(f"{cc} share by tier and material (outgoing volume; last tier incoming):")
    for i, t in enumerate(tiers):
        parts = []
        for m in mats:
            sel = [e for e in edges if e["mat"] == m and
                   nodes[e["to" if i == len(tiers) - 1 else "from"]]["tier"] == t]
            tot = sum(e["volume"] for e in sel)
            if tot > 0:
                side = "to" if i == len(tiers) - 1 else "from"
                c = sum(e["volume"] for e in sel if nodes[e[side]]["country"] == cc)
                parts.append(f"{m} {pct(c, tot).strip()} of {fmt(tot)}")
        rep.out(f"  {t:<12} {'; '.join(parts) or '-'}")
    raw = [m for m in mats if any(nodes[e["from"]]["tier"] == tiers[0] and e["mat"] == m
                                  for e in edges)]
    avg = embedded_trace(nodes, edges, set(raw), lambda nid: nodes[nid]["tier"] == sep
                         and nodes[nid]["country"] == cc)
    ends = [n for n in nodes.values() if n["tier"] == tiers[-1] and n["country"] == focus]
    if not ends:
        return
    rep.out(f"{focus} end users: share of each embedded material that passed through {cc} "
            f"{sep} (proportional mixing through recipes):")
    totals = defaultdict(lambda: [0.0, 0.0])
    for n in sorted(ends, key=lambda n: n["id"]):
        a, t = avg(n["id"])
        parts = []
        for m in raw:
            if a.get(m, 0) > EPS:
                parts.append(f"{m} {fmt(a[m])} t, {pct(t[m], a[m]).strip()}")
                totals[m][0] += a[m]
                totals[m][1] += t[m]
        rep.out(f"  {n['id']:<28} {'; '.join(parts)}")
    rep.out(f"  {'all ' + focus + ' end users':<28} " + "; ".join(
        f"{m} {fmt(a)} t, {pct(t, a).strip()}" for m, (a, t) in totals.items()))


# --------------------------------------------------------------------------- reports

def mixing(nodes, edges, tagged_node, tagged_edge=lambda e: False):
    """Share of each node's outflow that carries the tag, with proportional mixing.

    A tagged node passes on tagged material only; an untagged node passes on the
    volume-weighted mix of its inflows (tagged edges count as fully tagged).
    Solved by Gauss-Seidel sweeps, so cycles are fine. Returns (out_share, in_share).
    """
    preds = defaultdict(list)
    for e in edges:
        preds[e["to"]].append(e)
    out = {nid: (1.0 if tagged_node(nid) else 0.0) for nid in nodes}
    ins = {}
    for _ in range(10000):
        delta = 0.0
        for nid in nodes:
            tot = sum(e["volume"] for e in preds[nid])
            tag = sum(e["volume"] * (1.0 if tagged_edge(e) else out[e["from"]]) for e in preds[nid])
            share = tag / tot if tot > 0 else 0.0
            ins[nid] = share
            new = 1.0 if tagged_node(nid) else share
            delta = max(delta, abs(new - out[nid]))
            out[nid] = new
        if delta < 1e-12:
            break
    return out, ins


def report_network(rep, tiers, nodes, edges, inflow, outflow, args):
    cc, focus, sep = args.country, args.focus, args.sep_tier
    rep.out(f"nodes {len(nodes)}, edges {len(edges)}, tiers {len(tiers)}")
    rep.out(f"{cc} share by tier (by capacity: over nodes that have one; by volume: outgoing, "
            f"last tier incoming; * = basis the chokepoint tool uses):")
    rep.out(f"  {'tier':<12} {'nodes':>5} {'with cap':>8} {'by capacity':>12} {'by volume':>10}")
    for i, t in enumerate(tiers):
        tn = [n for n in nodes.values() if n["tier"] == t]
        if not tn:
            continue
        capped = [n for n in tn if n["capacity"] is not None]
        cap_all = sum(n["capacity"] for n in capped)
        cap_cc = sum(n["capacity"] for n in capped if n["country"] == cc)
        flow = inflow if i == len(tiers) - 1 else outflow
        vol_all = sum(flow[n["id"]] for n in tn)
        vol_cc = sum(flow[n["id"]] for n in tn if n["country"] == cc)
        uses_cap = len(capped) == len(tn) and cap_all > 0
        c = pct(cap_cc, cap_all) if capped else "n/a"
        v = pct(vol_cc, vol_all)
        rep.out(f"  {t:<12} {len(tn):>5} {len(capped):>8} {c + ('*' if uses_cap else ' '):>12} "
                f"{v + (' ' if uses_cap else '*'):>10}")
    if sep not in tiers:
        rep.out(f"(no tier named '{sep}': no separation share)")
        return
    out, ins = mixing(nodes, edges, lambda nid: nodes[nid]["tier"] == sep and nodes[nid]["country"] == cc)
    ends = [n for n in nodes.values() if n["tier"] == tiers[-1] and n["country"] == focus]
    if not ends:
        rep.out(f"(no {focus} end users)")
        return
    rep.out(f"{focus} end users: share of inflow that passed through {cc} {sep} "
            f"(proportional mixing):")
    tot = tag = 0.0
    for n in sorted(ends, key=lambda n: -inflow[n["id"]]):
        fin = inflow[n["id"]]
        tot += fin
        tag += fin * ins[n["id"]]
        rep.out(f"  {n['id']:<28} inflow {fmt(fin):>8}  demand {fmt(n['demand']):>8}  "
                f"via {cc} {sep} {pct(fin * ins[n['id']], fin):>6}")
    rep.out(f"  {'all ' + focus + ' end users':<28} inflow {fmt(tot):>8}  "
            f"{'':>16}  via {cc} {sep} {pct(tag, tot):>6}")


# --------------------------------------------------------------------------- files

def validate_network(path, args, rep, quiet=False):
    net = load_json(path, rep)
    if net is None:
        return None
    got = check_structure(rep, net)
    if got is None or rep.errors:
        return None
    tiers, nodes, edges = got
    if "materials" in net:
        if not check_materials(rep, net, tiers, nodes, edges) or rep.errors:
            return None
        check_bom_flows(rep, tiers, nodes, edges, args)
        if not quiet and not rep.errors:
            report_bom(rep, net, tiers, nodes, edges, args)
        return net, tiers, nodes, edges
    inflow, outflow = check_flows(rep, tiers, nodes, edges, args.tolerance)
    if not quiet and not rep.errors:
        report_network(rep, tiers, nodes, edges, inflow, outflow, args)
    return net, tiers, nodes, edges


def load_base(path, args, rep):
    """Load the network a scenario or plan refers to; None (reported) when unusable."""
    netpath = args.network
    if not netpath:
        d = os.path.dirname(os.path.abspath(path))
        if os.path.basename(d) in ("scenarios", "plans"):
            v2 = os.path.basename(path).endswith("-v2.json")
            cand = os.path.dirname(d) + ("-v2.json" if v2 else ".json")
            if os.path.isfile(cand):
                netpath = cand
    if not netpath:
        rep.error("no network to check against: give --network NET")
        return None
    sub = Report(netpath)
    got = validate_network(netpath, args, sub, quiet=True)
    if got is None or sub.errors:
        rep.error(f"the network {netpath} is invalid ({len(sub.errors)} errors): check it first")
        return None
    rep.out(f"against {os.path.relpath(netpath)}")
    return got


def check_name(rep, obj):
    if not isinstance(obj.get("name"), str) or not obj["name"].strip():
        rep.error("\"name\" must be a non-empty string")
    for key in ("description", "source"):
        if key in obj and not isinstance(obj[key], str):
            rep.error(f"\"{key}\" must be a string")
        elif not obj.get(key):
            rep.warn(f"no \"{key}\"")


def id_list(rep, obj, key):
    v = obj.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        rep.error(f"\"{key}\" must be an array of strings")
        return []
    return v


def obj_list(rep, obj, key):
    v = obj.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        rep.error(f"\"{key}\" must be an array of objects")
        return []
    return v


def validate_scenario(path, obj, args, rep):
    for k in obj:
        if k not in SCENARIO_KEYS:
            rep.error(f"unknown key \"{k}\" for a scenario")
    check_name(rep, obj)
    base = load_base(path, args, rep)
    if base is None:
        return
    _, tiers, nodes, edges = base
    countries = {n["country"] for n in nodes.values()}
    removed = set()
    for nid in id_list(rep, obj, "remove_nodes"):
        if nid not in nodes:
            rep.error(f"remove_nodes: unknown node '{nid}'")
        removed.add(nid)
    for c in id_list(rep, obj, "remove_countries"):
        if not CODE_RE.match(c):
            rep.error(f"remove_countries: {c!r} is not a two-letter country code")
        elif c not in countries:
            rep.warn(f"remove_countries: no node in {c}")
        removed |= {nid for nid, n in nodes.items() if n["country"] == c}
    cut = set()
    for i, emb in enumerate(obj_list(rep, obj, "embargo")):
        for k in emb:
            if k not in ("from", "to", "materials"):
                rep.error(f"embargo {i}: unknown key \"{k}\"")
        mats = emb.get("materials")
        known = {m["id"] for m in base[0].get("materials", []) if isinstance(m, dict)}
        if mats is not None and (not isinstance(mats, list) or not mats
                                 or any(m not in known for m in mats)):
            rep.error(f"embargo {i}: \"materials\" must list materials of the network "
                      f"({', '.join(sorted(known)) or 'it has none'})")
            mats = None
        a, b = emb.get("from"), emb.get("to")
        okay = True
        for key, c in (("from", a), ("to", b)):
            if not isinstance(c, str) or not (c == "*" or CODE_RE.match(c)):
                rep.error(f"embargo {i}: \"{key}\" must be a country code or \"*\"")
                okay = False
            elif c != "*" and c not in countries:
                rep.warn(f"embargo {i}: no node in {c}")
        if not okay:
            continue
        hit = [e for e in edges
               if (a == "*" or nodes[e["from"]]["country"] == a)
               and (b == "*" or nodes[e["to"]]["country"] == b)
               and nodes[e["from"]]["country"] != nodes[e["to"]]["country"]
               and (mats is None or e.get("mat") in mats)]
        if not hit:
            rep.warn(f"embargo {i} ({a} -> {b}): removes no edge")
        cut |= {(e["from"], e["to"]) for e in hit}
    for i, c in enumerate(obj_list(rep, obj, "capacity")):
        nid = c.get("node")
        for k in c:
            if k not in ("node", "factor", "capacity"):
                rep.error(f"capacity {i}: unknown key \"{k}\"")
        if nid not in nodes:
            rep.error(f"capacity {i}: unknown node {nid!r}")
        if ("factor" in c) == ("capacity" in c):
            rep.error(f"capacity {i}: give exactly one of \"factor\" and \"capacity\"")
            continue
        key = "factor" if "factor" in c else "capacity"
        check_number(rep, f"capacity {i}", c, key, required=True)
        if nid in nodes and key == "factor" and nodes[nid]["capacity"] is None:
            rep.warn(f"capacity {i}: factor on '{nid}', which has no capacity (unbounded)")
    if rep.errors:
        return
    # exposure: 2024 inflow of the focus end users that ran through what is removed
    out, ins = mixing(nodes, edges, lambda nid: nid in removed,
                      lambda e: (e["from"], e["to"]) in cut)
    inflow = defaultdict(float)
    for e in edges:
        inflow[e["to"]] += e["volume"]
    ends = [n for n in nodes.values() if n["tier"] == tiers[-1] and n["country"] == args.focus]
    tot = sum(inflow[n["id"]] for n in ends)
    tag = sum(inflow[n["id"]] * ins[n["id"]] for n in ends if n["id"] not in removed)
    tag += sum(inflow[n["id"]] for n in ends if n["id"] in removed)
    ncap = len(obj.get("capacity", []))
    gone = cut | {(e["from"], e["to"]) for e in edges if e["from"] in removed or e["to"] in removed}
    rep.out(f"removes {len(removed)} nodes and {len(gone)} edges (edges of removed nodes "
            f"included); changes {ncap} capacities")
    rep.out(f"2024 {args.focus} end-user inflow on removed nodes or edges (proportional mixing, "
            f"before any re-routing; capacity changes not counted): {fmt(tag)} of "
            f"{fmt(tot)} ({pct(tag, tot).strip()})")


def validate_plan(path, obj, args, rep):
    for k in obj:
        if k not in PLAN_KEYS:
            rep.error(f"unknown key \"{k}\" for a plan")
    check_name(rep, obj)
    base = load_base(path, args, rep)
    if base is None:
        return
    net, tiers, nodes, edges = base
    raw_nodes = {n["id"]: dict(n["raw"]) for n in nodes.values()}
    raw_edges = {(e["from"], e["to"]): dict(e["raw"]) for e in edges}
    # 1. removals
    for pair in obj_list(rep, obj, "remove_edges"):
        key = (pair.get("from"), pair.get("to"))
        extra = set(pair) - {"from", "to"}
        if extra:
            rep.error(f"remove_edges {key}: unknown keys {sorted(extra)}")
        if key not in raw_edges:
            rep.error(f"remove_edges: no edge {key[0]} -> {key[1]}")
        raw_edges.pop(key, None)
    for nid in id_list(rep, obj, "remove_nodes"):
        if nid not in raw_nodes:
            rep.error(f"remove_nodes: unknown node '{nid}'")
            continue
        del raw_nodes[nid]
        raw_edges = {k: v for k, v in raw_edges.items() if nid not in k}
    # 2. additions (full nodes and edges, checked like the network's)
    for i, n in enumerate(obj_list(rep, obj, "add_nodes")):
        nid = n.get("id")
        if nid in raw_nodes:
            rep.error(f"add_nodes: '{nid}' already exists")
            continue
        check_node(rep, n, f"add_nodes[{i}]", tiers, {})
        if isinstance(nid, str):
            raw_nodes[nid] = dict(n)
    for e in obj_list(rep, obj, "add_edges"):
        key = (e.get("from"), e.get("to"))
        for end in key:
            if end not in raw_nodes:
                rep.error(f"add_edges {key[0]} -> {key[1]}: unknown node '{end}'")
        if key in raw_edges:
            rep.error(f"add_edges: edge {key[0]} -> {key[1]} already exists (use update_edges)")
            continue
        raw_edges[key] = dict(e)
    # 3. updates
    for u in obj_list(rep, obj, "update_nodes"):
        nid = u.get("id")
        if nid not in raw_nodes:
            rep.error(f"update_nodes: unknown node {nid!r}")
            continue
        for k, v in u.items():
            if k == "id":
                continue
            if k == "recipe" and "materials" not in net:
                rep.error(f"update_nodes '{nid}': a recipe needs a network with materials")
            elif k not in NODE_UPDATABLE:
                rep.error(f"update_nodes '{nid}': \"{k}\" cannot be updated (give "
                          f"{', '.join(NODE_UPDATABLE)}; explain new figures in the plan's "
                          f"description)")
            else:
                raw_nodes[nid][k] = v
        if len(u) < 2:
            rep.warn(f"update_nodes '{nid}': changes nothing")
    for u in obj_list(rep, obj, "update_edges"):
        key = (u.get("from"), u.get("to"))
        if key not in raw_edges:
            rep.error(f"update_edges: no edge {key[0]} -> {key[1]}")
            continue
        for k, v in u.items():
            if k in ("from", "to"):
                continue
            if k not in EDGE_UPDATABLE:
                rep.error(f"update_edges {key[0]} -> {key[1]}: \"{k}\" cannot be updated "
                          f"(give {', '.join(EDGE_UPDATABLE)})")
            else:
                raw_edges[key][k] = v
        if len(u) < 3:
            rep.warn(f"update_edges {key[0]} -> {key[1]}: changes nothing")
    if rep.errors:
        return
    # the planned network must itself be a valid network (balance only warned:
    # plans change capacities and add routes that carry no 2024 flow)
    planned = dict(net)
    planned["nodes"] = list(raw_nodes.values())
    planned["edges"] = list(raw_edges.values())
    sub = Report(path)
    got = check_structure(sub, planned)
    bom = "materials" in planned
    if got is not None and not sub.errors:
        t2, n2, e2 = got
        if not bom:
            inflow, outflow = check_flows(sub, t2, n2, e2, args.tolerance,
                                          balance_is_error=False)
        elif check_materials(sub, planned, t2, n2, e2):
            check_bom_flows(sub, t2, n2, e2, args, balance_is_error=False)
    for m in sub.errors:
        rep.error(f"planned network: {m}")
    for m in sub.warnings:
        if "cycle" in m or "against the tier order" in m:
            continue  # recycling loops are what plans may add
        rep.warn(f"planned network: {m}")
    if rep.errors:
        return
    rep.out(f"planned network: {len(n2)} nodes ({len(n2) - len(nodes):+d}), "
            f"{len(e2)} edges ({len(e2) - len(edges):+d})")
    cycles = find_cycles(n2, e2)
    if cycles:
        rep.out(f"planned network has {len(cycles)} cycle(s) (recycling loops)")
    if bom:
        report_bom(rep, planned, t2, n2, e2, args)
    else:
        report_network(rep, t2, n2, e2, inflow, outflow, args)


def kind_of(path, obj):
    if isinstance(obj, dict):
        if "format" in obj or "nodes" in obj:
            return "network"
        keys = set(obj)
        if keys & PLAN_ONLY:
            return "plan"
        if keys & SCENARIO_ONLY:
            return "scenario"
    parts = os.path.abspath(path).split(os.sep)
    if "plans" in parts:
        return "plan"
    if "scenarios" in parts:
        return "scenario"
    return "scenario"


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check chokepoint network, scenario and plan files.",
        epilog="Exit 0 when every file is valid, 1 otherwise.")
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("--network", help="network that scenarios and plans refer to")
    ap.add_argument("--country", default="CN", help="country whose shares to report (default CN)")
    ap.add_argument("--focus", default="JP", help="end users to trace (default JP)")
    ap.add_argument("--sep-tier", default="separation", help="tier traced (default separation)")
    ap.add_argument("--tolerance", type=float, default=0.05,
                    help="allowed imbalance at intermediate nodes (default 0.05)")
    ap.add_argument("--recipe-tolerance", type=float, default=0.10,
                    help="allowed gap between a recipe and its inflows (default 0.10)")
    ap.add_argument("--strict", action="store_true", help="fail on warnings too")
    ap.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    args = ap.parse_args(argv)
    if not (0 <= args.tolerance < 1):
        ap.error("--tolerance must be in [0, 1)")

    failed = 0
    for path in args.files:
        rep = Report(path)
        probe = Report(path)
        obj = load_json(path, probe)
        if obj is None:
            rep.errors += probe.errors
            kind = "file"
        else:
            kind = kind_of(path, obj)
            if kind == "network":
                validate_network(path, args, rep)
            elif not isinstance(obj, dict):
                rep.error("the top level must be a JSON object")
            elif kind == "plan":
                validate_plan(path, obj, args, rep)
            else:
                validate_scenario(path, obj, args, rep)
        bad = bool(rep.errors) or (args.strict and bool(rep.warnings))
        failed += bad
        status = "INVALID" if rep.errors else ("OK (warnings)" if rep.warnings else "OK")
        print(f"{path}: {kind}: {status}")
        for m in rep.errors:
            print(f"  error: {m}")
        for m in rep.warnings:
            print(f"  warning: {m}")
        if not args.quiet:
            for line in rep.lines:
                print(f"  {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
