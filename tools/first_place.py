#!/usr/bin/env python3
"""How often the right entry comes first: the ceiling of any answer gate.

For every labelled set (flood, wildfire, the incidents under tests/data/),
runs each answerable message through `vigie ask --json` and counts, over the
messages triage leaves to the matcher (not distress, not a request for a
person, not small talk), those whose first candidate is the expected entry.

    python3 tools/first_place.py [path/to/vigie]    # default target/release/vigie
"""
import json
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
vigie = sys.argv[1] if len(sys.argv) > 1 else str(root / "target/release/vigie")
sets = [("flood", root / "../shared/eval/flood/faq", root / "../shared/eval/flood/cases.jsonl"),
        ("wildfire", root / "faq", root / "tests/data/wildfire-cases.jsonl")]
for cases in sorted((root / "tests/data").glob("*-cases.jsonl")):
    name = cases.name[: -len("-cases.jsonl")]
    if name != "wildfire":
        sets.append((name, root / "tests/data" / name, cases))
for name, faq, cases in sets:
    if not cases.exists():
        continue
    expected = [json.loads(line) for line in cases.read_text().splitlines() if line.strip()]
    expected = [c for c in expected if c["expect"].startswith("answer:")]
    lines = "".join(c["text"].replace("\n", " ") + "\n" for c in expected)
    out = subprocess.run([vigie, "ask", "--faq", str(faq), "--json"], input=lines,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    reached = first = 0
    for case, line in zip(expected, out):
        decision = json.loads(line)
        if decision.get("reason") in ("distress", "human_requested") or decision["action"] == "smalltalk":
            continue
        reached += 1
        candidates = decision["candidates"]
        first += bool(candidates) and candidates[0]["entry"] == case["expect"][len("answer:"):]
    print(f"{name}: {100 * first / max(reached, 1):.1f}% of {reached}")
