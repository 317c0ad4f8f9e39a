"""The GeoDjango client test of tigerimport sync-regions: the app's own model and migrations, the app's own query.

Run by tests/TigerImport.Tests/Regions/When_the_GeoDjango_app_reads_synced_regions.cs with /usr/bin/python3
(Debian's python3-django and python3-psycopg2) and DJANGO_DATABASE_URL. One step per call, so the C# test can sync between steps:
  migrate                  create the region table by the app's migrations
  points                   Region.objects.filter(type__in=[...], geom__contains=Point(...)) finds the expected rows
  snapshot FILE            write {"type geoid": id} of every row
  same-ids FILE [GONE...]  every row of the snapshot still has its id (except the "type geoid" keys named GONE)
  add-stale                a senate district the vintage does not have, with a child row, created through the ORM
  has GEOID... / lacks GEOID...
Prints "ok: ..." and exits 0, or prints what is wrong and exits 1.
"""
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import django  # noqa: E402

django.setup()

from django.contrib.gis.geos import Point  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402

from regionapp.models import Region  # noqa: E402

DISTRICTS = ["congressional_district", "state_senate_district", "state_house_district"]

# (lon, lat, what the point is, {type: expected GEOID, or None for no row of that type})
POINTS = [
    (-104.5, 35.0, "New Mexico, east arm of concave CD 2", {"state": "35", "congressional_district": "3502"}),
    (-108.0, 35.0, "New Mexico, west arm of concave CD 2", {"congressional_district": "3502"}),
    (-106.0, 35.0, "New Mexico, CD 1 inside the arms of CD 2", {"congressional_district": "3501"}),
    (-107.1, 32.6, "Las Cruces, west arm of concave HD 52",
     {"state_house_district": "35052", "state_senate_district": "35035", "congressional_district": "3502", "county": "35013"}),
    (-106.75, 32.5, "Las Cruces, HD 53 in the notch of HD 52",
     {"state_house_district": "35053", "state_senate_district": "35031", "congressional_district": "3502"}),
    (-106.75, 32.1, "south of Las Cruces, HD 52's base", {"state_house_district": "35052", "state_senate_district": "35036"}),
    (-157.0, 21.13, "Molokai, an island part of HI CD 2, SD 2 and HD 2",
     {"state": "15", "congressional_district": "1502", "state_senate_district": "15002", "state_house_district": "15002"}),
    (-154.9225, 19.7995, "an islet off Hilo, an island part of SD 1, HD 1 and Hawaii County",
     {"state_senate_district": "15001", "state_house_district": "15001", "county": "15001"}),
    (-157.8, 21.4, "east Oahu", {"congressional_district": "1501", "state_senate_district": "15003", "state_house_district": "15002"}),
    (-66.5, 18.25, "Puerto Rico: refused by the sync (no CD sample), so no row", {"state": None, "congressional_district": None}),
]


def points():
    problems = []
    for lon, lat, what, expected in POINTS:
        found = Region.objects.filter(type__in=list(expected), geom__contains=Point(lon, lat, srid=4326))
        got = {t: sorted(r.geoid for r in found if r.type == t) for t in expected}
        for region_type, geoid in expected.items():
            want = [] if geoid is None else [geoid]
            if got[region_type] != want:
                problems.append(f"{what} ({lon}, {lat}): {region_type} {got[region_type]}, expected {want}")
    one_query = Region.objects.filter(type__in=DISTRICTS, geom__contains=Point(-106.75, 32.5, srid=4326))
    if sorted(r.name for r in one_query) != [
        "Congressional District 2 (State 35)", "State House District 053 (State 35)", "State Senate District 031 (State 35)",
    ]:
        problems.append(f"the stakeholder query for Las Cruces found {[r.name for r in one_query]}")
    return problems, f"{len(POINTS)} points answered by geom__contains"


def snapshot(path):
    with open(path, "w", encoding="utf-8") as out:
        json.dump({f"{r.type} {r.geoid}": r.id for r in Region.objects.all()}, out)
    return [], f"{Region.objects.count()} ids written"


def same_ids(path, *gone):
    with open(path, encoding="utf-8") as source:
        before = json.load(source)
    now = {f"{r.type} {r.geoid}": r.id for r in Region.objects.all()}
    problems = [f"{key}: id {before[key]} became {now.get(key)}" for key in before if key not in gone and now.get(key) != before[key]]
    problems += [f"{key} is still there" for key in gone if key in now]
    return problems, f"{len(before) - len(gone)} ids unchanged"


def add_stale():
    new_mexico = Region.objects.get(type="state", geoid="35")
    old = Region.objects.create(parent=new_mexico, geoid="35099", name="State Senate District 099 (State 35)", label="SD-099",
                                abbrev="NM-SD-099", type="state_senate_district")
    Region.objects.create(parent=old, geoid="35099-01", name="Precinct 1 of the old SD 99", type="county")
    return [], "stale district 35099 and its child created"


def has(*geoids):
    missing = [g for g in geoids if not Region.objects.filter(geoid=g).exists()]
    return [f"{g} is missing" for g in missing], f"{len(geoids)} present"


def lacks(*geoids):
    present = [g for g in geoids if Region.objects.filter(geoid=g).exists()]
    return [f"{g} is still there" for g in present], f"{len(geoids)} absent"


def unique_names():
    duplicates = list(Region.objects.values("name").annotate(n=Count("id")).filter(n__gt=1))
    return [f"name used twice: {d}" for d in duplicates], f"{Region.objects.count()} unique names"


def main(step, *args):
    if step == "migrate":
        call_command("migrate", "regionapp", verbosity=0)
        problems, message = [], "migrated"
    else:
        problems, message = {
            "points": points, "snapshot": snapshot, "same-ids": same_ids, "add-stale": add_stale, "has": has, "lacks": lacks,
        }[step](*args)
        if step in ("points", "same-ids"):
            more, _ = unique_names()
            problems += more
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
