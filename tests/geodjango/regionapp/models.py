"""Coalition Builder's Region model, as the contract in issue 9 describes it (the table is the app's)."""
from django.contrib.gis.db import models


class Region(models.Model):
    TYPES = [
        ("state", "State"),
        ("county", "County"),
        ("congressional_district", "Congressional district"),
        ("state_senate_district", "State senate district"),
        ("state_house_district", "State house district"),
    ]

    id = models.BigAutoField(primary_key=True)
    # Django emulates CASCADE in Python; migration 0002 makes the database cascade too, as the contract says.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    geoid = models.CharField(max_length=100, db_index=True)
    name = models.CharField(max_length=255, unique=True)
    label = models.CharField(max_length=255, null=True, blank=True)
    abbrev = models.CharField(max_length=50, null=True, blank=True, db_index=True)
    type = models.CharField(max_length=30, choices=TYPES)
    coords = models.PointField(geography=True, srid=4326, null=True, blank=True)
    geom = models.MultiPolygonField(srid=4326, null=True, blank=True)
    geojson = models.JSONField(null=True, blank=True)

    class Meta:
        db_table = "region"
        constraints = [models.UniqueConstraint(fields=["geoid", "type"], name="region_geoid_type_uniq")]

    def __str__(self):
        return self.name


class Stakeholder(models.Model):
    """Coalition Builder's Stakeholder, as far as the region sync's contract goes: a geocoded point and five region keys."""

    name = models.CharField(max_length=255)
    location = models.PointField(geography=True, srid=4326, null=True, blank=True)
    # Django emulates SET_NULL in Python: in the database these are plain DEFERRABLE INITIALLY DEFERRED foreign keys.
    state = models.ForeignKey(Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="state_stakeholders")
    county = models.ForeignKey(Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="county_stakeholders")
    congressional_district = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="congressional_district_stakeholders")
    state_senate_district = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="state_senate_district_stakeholders")
    state_house_district = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="state_house_district_stakeholders")

    class Meta:
        db_table = "stakeholder"

    def __str__(self):
        return self.name
