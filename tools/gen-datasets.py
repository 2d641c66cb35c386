#!/usr/bin/env python3
# gen-datasets.py
#
# Copyright 2026 The Contributors authors
# SPDX-License-Identifier: MIT
"""Write the fake GitHub's datasets into data/datasets/.

    tools/gen-datasets.py            rewrite tutorial.json, demo.json, large.json
    tools/gen-datasets.py --check    exit 1 if the committed files differ

The files are generated once and committed; nothing is random at run time.
Every random choice comes from one fixed-seed generator per dataset, so the
output only changes when this script does. The format is described in
src/fake-github/gh-dataset.h. Standard library only.
"""

import argparse
import json
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "datasets"

SYLLABLES = [
    "ka", "lo", "mi", "ren", "to", "sa", "vik", "an", "el", "dor", "ni", "ra",
    "zu", "bo", "fen", "ji", "mar", "os", "tel", "qu", "ly", "pa", "ve", "ger",
    "ho", "ist", "cy", "nu", "wa", "dre", "ul", "ko", "sen", "ab", "im", "tor",
]


def tutorial():
    """The tutorial's own test data (testData.kt), verbatim."""
    def repo(name, latency, users):
        return {
            "name": name,
            "latency_ms": latency,
            "contributors": [{"login": l, "contributions": c} for l, c in users],
        }

    return {
        "org": "org",
        "org_id": 1,
        "repos_latency_ms": 1000,
        "repos": [
            repo("repo-1", 1000, [("user-1", 10), ("user-2", 20)]),
            repo("repo-2", 1200, [("user-2", 30), ("user-1", 40)]),
            repo("repo-3", 800, [("user-2", 50), ("user-3", 60)]),
        ],
    }


def make_logins(rng, count, taken=None):
    """Invented, login-shaped names: letters, digits and single hyphens."""
    taken = set() if taken is None else taken
    logins = []
    while len(logins) < count:
        parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))]
        login = "".join(parts)
        shape = rng.random()
        if shape < 0.25:
            login += str(rng.randint(1, 999))
        elif shape < 0.40:
            login += "-" + rng.choice(SYLLABLES + ["dev", "jb", "kt", "io"])
        if login in taken:
            continue
        taken.add(login)
        logins.append(login)
    return logins


def pick_weighted(rng, pool, weights, k):
    """k distinct entries of pool, each drawn with its weight."""
    chosen = {}
    while len(chosen) < k:
        for login in rng.choices(pool, weights=weights, k=2 * (k - len(chosen))):
            if len(chosen) < k:
                chosen.setdefault(login, None)
    return list(chosen)


def contributions(rng):
    """Heavy-tailed commit counts: most people contribute a handful."""
    return max(1, min(9000, int(rng.paretovariate(1.1) * 2)))


def contributors_for(rng, logins):
    counts = sorted((contributions(rng) for _ in logins), reverse=True)
    # The first names of the sample are the most active ones overall, so
    # they get the largest counts, as in a real project.
    return [{"login": l, "contributions": c} for l, c in zip(logins, counts)]


DEMO_FIXED = {
    "kotlin-koans": 45,
    "dokka": 36,
    "kotlin-examples": 23,
    "ts2kt": 11,
    "mpp-example": 8,
    "kotlin-coroutines-workshop": 1,
    # Big enough that the contributor list itself takes several pages.
    "kotlin": 260,
    "kotlinx.coroutines": 180,
    "kotlinx.serialization": 120,
}

DEMO_NAMES = [
    "kotlin", "kotlinx.coroutines", "kotlinx.serialization", "kotlinx.html",
    "kotlinx-datetime", "kotlinx-io", "kotlinx.collections.immutable",
    "kotlinx-benchmark", "kotlinx-knit", "kotlinx.atomicfu", "kotlinx-cli",
    "dokka", "kotlin-koans", "kotlin-examples", "ts2kt", "mpp-example",
    "kotlin-coroutines-workshop", "kotlin-web-site", "kotlin-spec",
    "kotlin-wrappers", "kotlin-fullstack-sample", "kotlin-eclipse",
    "kotlin-numpy", "kotlin-jupyter", "kotlin-style-guide", "kotlin-quarkus",
    "kotlin-spring-boot", "kotlin-script-examples", "kotlin-frontend-plugin",
    "kotlin-playground", "kotlin-benchmarks", "kotlin-compiler-server",
    "kotlin-allopen", "kotlin-noarg", "kotlin-gradle-plugin-samples",
    "binary-compatibility-validator", "anko", "kotlinconf-app",
    "kotlin-native-samples", "kotlin-interactive-shell", "kotlin-libs-publisher",
    "kmm-production-sample", "multiplatform-library-template", "api-guidelines",
    "kotlin-coroutines-examples", "kotlin-in-action", "kotlin-css-dsl",
    "kotlin-test-examples", "kotlin-plugin-template", "coroutines-workshop",
    "kotlin-js-inspection-pack", "kotlin-reflect-lite", "kotlin-power-assert",
    "kotlin-dataframe", "kotlin-statistics", "kotlin-mermaid", "kotlin-lsp",
]

DEMO_WORDS = [
    "sample", "demo", "tutorial", "template", "plugin", "bridge", "tools",
    "bench", "wrappers", "codelab", "workshop", "starter", "recipes", "docs",
    "playground", "interop", "compat", "server", "client", "gradle", "maven",
]


def demo():
    rng = random.Random(20260101)
    names = list(DEMO_NAMES)
    seen = set(names)
    while len(names) < 160:
        name = "kotlin-%s-%s" % (rng.choice(DEMO_WORDS), rng.choice(DEMO_WORDS))
        if name not in seen and name.count("-") == 2 and len(set(name.split("-"))) == 3:
            seen.add(name)
            names.append(name)
    rng.shuffle(names)

    pool = make_logins(rng, 1500)
    # Zipf-like popularity: the core team shows up in many repositories.
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(pool))]

    repos = []
    ids = sorted(rng.sample(range(3_000_000, 700_000_000), len(names)))
    for name, repo_id in zip(names, ids):
        repo = {"name": name, "id": repo_id, "latency_ms": rng.randint(50, 600)}
        if name == "kotlin-playground":
            repo["empty"] = True
        else:
            size = DEMO_FIXED.get(name) or max(1, min(90, int(rng.paretovariate(0.9) * 2)))
            repo["contributors"] = contributors_for(rng, pick_weighted(rng, pool, weights, size))
        if name == "kotlin-reflect-lite":
            repo["fault"] = {"kind": "status", "status": 500, "message": "Server Error"}
        repos.append(repo)

    return {"org": "kotlin", "org_id": 1446536, "repos_latency_ms": 400, "repos": repos}


LARGE_WORDS = [
    "api", "auth", "billing", "cache", "catalog", "core", "data", "deploy",
    "docs", "edge", "events", "feed", "gateway", "geo", "graph", "index",
    "infra", "ingest", "kit", "lab", "ledger", "mail", "media", "mesh",
    "metrics", "mobile", "notify", "orders", "pay", "portal", "queue",
    "search", "shop", "sync", "ui", "vault", "web", "worker",
]


def large():
    rng = random.Random(20260202)
    n_repos = 1200
    n_logins = 21000

    names = []
    seen = set()
    while len(names) < n_repos:
        name = "%s-%s" % (rng.choice(LARGE_WORDS), rng.choice(LARGE_WORDS))
        if rng.random() < 0.5:
            name += "-%d" % rng.randint(1, 99)
        if name not in seen:
            seen.add(name)
            names.append(name)

    pool = make_logins(rng, n_logins)
    # Every login contributes somewhere: deal the long tail out over the
    # repositories, in heavy-tailed portions, then add a few regulars.
    sizes = [rng.paretovariate(1.3) for _ in range(n_repos)]
    total = sum(sizes)
    portions = [max(1, int(s / total * n_logins)) for s in sizes]
    tail = list(pool)
    rng.shuffle(tail)
    head = pool[:300]
    head_weights = [1.0 / (rank + 1) for rank in range(len(head))]

    repos = []
    start = 0
    for index, name in enumerate(names):
        count = portions[index] if index < n_repos - 1 else max(1, len(tail) - start)
        members = tail[start:start + count]
        start += count
        regulars = pick_weighted(rng, head, head_weights, rng.randint(0 if members else 1, 8))
        logins = list(dict.fromkeys(regulars + members))
        repos.append({
            "name": name,
            "id": 500_000 + index,
            "latency_ms": rng.randint(20, 200),
            "contributors": contributors_for(rng, logins),
        })

    return {"org": "megacorp", "org_id": 9000001, "repos_latency_ms": 200, "repos": repos}


def dump(data, one_line_per):
    """JSON with one repository (or contributor) per line: small, diffable."""
    out = ['{\n']
    for key in ("org", "org_id", "repos_latency_ms"):
        out.append('  %s: %s,\n' % (json.dumps(key), json.dumps(data[key])))
    out.append('  "repos": [\n')
    lines = []
    for repo in data["repos"]:
        if one_line_per == "repo":
            lines.append('    ' + json.dumps(repo, separators=(',', ':')))
            continue
        head = {k: v for k, v in repo.items() if k != "contributors"}
        text = json.dumps(head, separators=(', ', ': '))[:-1]
        if "contributors" in repo:
            people = ',\n'.join('      ' + json.dumps(c, separators=(', ', ': '))
                                for c in repo["contributors"])
            text += ',\n    "contributors": [\n%s\n    ]' % people if people else ', "contributors": []'
        lines.append('    ' + text + '}')
    out.append(',\n'.join(lines))
    out.append('\n  ]\n}\n')
    return ''.join(out)


DATASETS = {
    "tutorial.json": lambda: dump(tutorial(), "contributor"),
    "demo.json": lambda: dump(demo(), "contributor"),
    "large.json": lambda: dump(large(), "repo"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed files instead of writing")
    args = parser.parse_args()

    stale = []
    for name, make in DATASETS.items():
        text = make()
        json.loads(text)  # never write something that is not JSON
        path = OUT_DIR / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            OUT_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print("wrote %s (%d bytes)" % (path.relative_to(ROOT), len(text.encode())))

    if stale:
        print("out of date: %s (run tools/gen-datasets.py)" % ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
