#!/usr/bin/env python3
"""Writes N synthetic entities in Wikidata's JSON dump format (a JSON array,
one entity a line), for measuring `copydesk registry import wikidata` on a
large input: mostly humans with labels in three languages, aliases,
descriptions, instance-of and position-held statements with dated
qualifiers, plus organisations, places and the position items themselves
(at the end of the file, as in a real dump where ids are in no useful
order). Seeded, so every run writes the same file.

Usage: scripts/gen-wikidata-entities.py N OUT.json[.gz]
"""
import gzip
import json
import random
import sys

GIVEN = ["Ana", "Ivo", "Mira", "Dag", "Lena", "Oleg", "Petra", "Tomas", "Ilse", "Radek", "Jana", "Pavel"]
FAMILY = ["Holt", "Stanek", "Varnholt", "Emmerich", "Kovac", "Bondar", "Lund", "Brennik", "Sattler", "Voss"]
PLACES = ["Ukraine", "Russia", "France", "Germany", "Poland", "Sarn", "Velgrad", "Norland"]
HEADS = ["President", "Prime Minister", "Mayor", "Governor", "Minister of Finance", "Ambassador"]


def label(lang, value):
    return {"language": lang, "value": value}


def item_snak(prop, qid):
    return {"snaktype": "value", "property": prop, "hash": "0" * 40,
            "datavalue": {"value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid},
                          "type": "wikibase-entityid"}, "datatype": "wikibase-item"}


def time_snak(prop, year, month, day, precision):
    return {"snaktype": "value", "property": prop, "hash": "0" * 40,
            "datavalue": {"value": {"time": f"+{year:04d}-{month:02d}-{day:02d}T00:00:00Z", "timezone": 0,
                                    "before": 0, "after": 0, "precision": precision,
                                    "calendarmodel": "http://www.wikidata.org/entity/Q1985727"},
                          "type": "time"}, "datatype": "time"}


def statement(snak, qualifiers=None):
    s = {"mainsnak": snak, "type": "statement", "id": "x", "rank": "normal"}
    if qualifiers:
        s["qualifiers"] = qualifiers
        s["qualifiers-order"] = list(qualifiers)
    return s


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(17)
    positions = [(f"Q{9_000_000 + i}", f"{h} of {p}") for i, (h, p) in
                 enumerate((h, p) for h in HEADS for p in PLACES)]
    opener = gzip.open if out.endswith(".gz") else open
    with opener(out, "wt", encoding="utf-8") as f:
        f.write("[\n")
        body = n - len(positions)
        for i in range(body):
            qid = f"Q{100_000 + i}"
            kind = rng.random()
            if kind < 0.9:
                name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}{i}"
                claims = {"P31": [statement(item_snak("P31", "Q5"))],
                          "P569": [statement(time_snak("P569", rng.randint(1940, 2000), 1, 1, 9))]}
                if rng.random() < 0.4:
                    held = []
                    for _ in range(rng.randint(1, 3)):
                        pos = rng.choice(positions)[0]
                        start = rng.randint(1990, 2024)
                        quals = {"P580": [time_snak("P580", start, rng.randint(1, 12), rng.randint(1, 28), 11)]}
                        if rng.random() < 0.6:
                            quals["P582"] = [time_snak("P582", start + rng.randint(1, 6), 1, 1, 9)]
                        held.append(statement(item_snak("P39", pos), quals))
                    claims["P39"] = held
            elif kind < 0.97:
                name = f"{rng.choice(FAMILY)} Party {i}"
                claims = {"P31": [statement(item_snak("P31", "Q7278"))]}
            else:
                name = f"{rng.choice(PLACES)}grad {i}"
                claims = {"P31": [statement(item_snak("P31", "Q515"))]}
            entity = {"type": "item", "id": qid,
                      "labels": {l: label(l, name) for l in ("en", "de", "fr")},
                      "descriptions": {"en": label("en", "synthetic entity for a benchmark")},
                      "aliases": {"en": [label("en", name.split()[-1] + " " + str(i))]},
                      "claims": claims, "sitelinks": {"enwiki": {"site": "enwiki", "title": name, "badges": []}}}
            f.write(json.dumps(entity, ensure_ascii=False) + ",\n")
        for j, (qid, title) in enumerate(positions):
            entity = {"type": "item", "id": qid, "labels": {"en": label("en", title)},
                      "claims": {"P31": [statement(item_snak("P31", "Q4164871"))]}}
            f.write(json.dumps(entity) + ("\n" if j == len(positions) - 1 else ",\n"))
        f.write("]\n")


if __name__ == "__main__":
    main()
