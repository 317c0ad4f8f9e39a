"""The GeoDjango client test of tigerimport sync-regions: the app's own model and migrations, the app's own query.

Run by tests/TigerImport.Tests/Regions/When_the_GeoDjango_app_reads_synced_regions.cs with /usr/bin/python3
(Debian's python3-django and python3-psycopg2) and DJANGO_DATABASE_URL. One step per call, so the C# test can sync between steps:
  migrate                  create the region table by the app's migrations
  points                   Region.objects.filter(type__in=[...], geom__contains=Point(...)) finds the expected rows
  snapshot FILE            write {"type geoid": id} of every row
  same-ids FILE [GONE...]  every row of the snapshot still has its id (except the "type geoid" keys named GONE)
  add-stale                a senate district the vintage does not have, with a child row, created through the ORM
  has GEOID... / lacks GEOID...
  add-stakeholders         a grid of stakeholders over New Mexico, Hawaii and Puerto Rico, assigned as the app assigns them
  agree                    for every stakeholder: each of its five keys is the one region of that type whose geom contains
                           its point (the app's query), no point matches two regions of a type, and the app's "stakeholders
                           in this district" lists (by foreign key) are the stakeholders whose points it contains
  keys FILE                write {stakeholder id: its five keys}
  same-keys FILE NAME...   the stakeholders named NAME* (e.g. "PR ") have the keys of FILE
  moves FILE               print (after "ok: ") per type: stakeholders moved, newly assigned, left without, since FILE
DJANGO_SCHEMA (optional) puts the app's tables in that schema.
Prints "ok: ..." and exits 0, or prints what is wrong and exits 1.
"""
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import django  # noqa: E402

django.setup()

from django.contrib.gis.geos import MultiPolygon, Point, Polygon  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402

from regionapp.models import Region, Stakeholder  # noqa: E402

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
                                abbrev="NM-SD-099", type="state_senate_district",
                                geom=MultiPolygon(Polygon.from_bbox((-105.01, 33.99, -104.99, 34.01)), srid=4326))
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


TYPES = ["state", "county"] + DISTRICTS

# (name prefix, lon from, lon to, lat from, lat to): a grid 0.25° apart, offset so that no point lies on a sample's boundary.
GRIDS = [("NM ", -109.0, -103.0, 31.3, 37.0), ("HI ", -160.3, -154.8, 18.9, 22.2), ("PR ", -67.3, -65.6, 17.9, 18.5)]


def containing(region_type, point):
    return list(Region.objects.filter(type=region_type, geom__contains=point).order_by("id"))


def add_stakeholders():
    created = []
    for prefix, lon0, lon1, lat0, lat1 in GRIDS:
        i = 0
        lon = lon0 + 0.0173
        while lon < lon1:
            lat = lat0 + 0.0131
            while lat < lat1:
                point = Point(lon, lat, srid=4326)
                # As the app assigns: the districts by one query, the last match winning; the county by .first().
                keys = {}
                for region in Region.objects.filter(type__in=DISTRICTS, geom__contains=point):
                    keys[region.type] = region
                keys["county"] = Region.objects.filter(type="county", geom__contains=point).first()
                keys["state"] = Region.objects.filter(type="state", geom__contains=point).first()
                created.append(Stakeholder(name=f"{prefix}{i}", location=point, **keys))
                i += 1
                lat += 0.25
            lon += 0.25
    Stakeholder.objects.bulk_create(created)
    Stakeholder.objects.create(name="unlocated", location=None)
    return [], f"{len(created)} located stakeholders and one without a location"


def agree():
    problems = []
    members = {}
    located = Stakeholder.objects.exclude(location=None)
    for stakeholder in located:
        point = Point(stakeholder.location.x, stakeholder.location.y, srid=4326)
        for region_type in TYPES:
            matches = containing(region_type, point)
            if len(matches) > 1:
                problems.append(f"{stakeholder.name} {point.coords}: {region_type} matched by {[r.geoid for r in matches]}")
            want = matches[0].id if matches else None
            got = getattr(stakeholder, f"{region_type}_id")
            if got != want:
                problems.append(f"{stakeholder.name} {point.coords}: {region_type}_id {got}, its point is in {want}")
            if want is not None:
                members.setdefault(want, set()).add(stakeholder.id)
    for region in Region.objects.filter(type__in=TYPES):
        listed = set(Stakeholder.objects.filter(**{region.type: region}).exclude(location=None).values_list("id", flat=True))
        if listed != members.get(region.id, set()):
            problems.append(f"{region.name}: its stakeholder list has {len(listed)}, its shape contains {len(members.get(region.id, set()))}")
    return problems, f"{located.count()} stakeholders agree with the point query"


def keys_of():
    return {str(s.id): [getattr(s, f"{t}_id") for t in TYPES] for s in Stakeholder.objects.all()}


def keys(path):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(keys_of(), out)
    return [], f"{Stakeholder.objects.count()} stakeholders' keys written"


def same_keys(path, *prefixes):
    with open(path, encoding="utf-8") as source:
        before = json.load(source)
    now = keys_of()
    named = [s for s in Stakeholder.objects.all() if any(s.name.startswith(p) for p in prefixes)]
    problems = [f"{s.name}: keys {before[str(s.id)]} became {now[str(s.id)]}" for s in named if before[str(s.id)] != now[str(s.id)]]
    return problems, f"{len(named)} stakeholders kept their keys"


def moves(path):
    with open(path, encoding="utf-8") as source:
        before = json.load(source)
    counts = {t: {"moved": 0, "assigned": 0, "left": 0} for t in TYPES}
    for sid, now in keys_of().items():
        for n, region_type in enumerate(TYPES):
            old, new = before[sid][n], now[n]
            if old != new:
                counts[region_type]["moved" if old is not None and new is not None else "assigned" if old is None else "left"] += 1
    return [], json.dumps(counts)


def main(step, *args):
    if step == "migrate":
        call_command("migrate", "regionapp", verbosity=0)
        problems, message = [], "migrated"
    else:
        problems, message = {
            "points": points, "snapshot": snapshot, "same-ids": same_ids, "add-stale": add_stale, "has": has, "lacks": lacks,
            "add-stakeholders": add_stakeholders, "agree": agree, "keys": keys, "same-keys": same_keys, "moves": moves,
        }[step](*args)
        if step in ("points", "same-ids", "agree"):
            more, _ = unique_names()
            problems += more
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
