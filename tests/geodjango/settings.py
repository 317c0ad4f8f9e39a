"""Settings in code for the GeoDjango client test: one app, the test PostGIS from DJANGO_DATABASE_URL."""
import os
from urllib.parse import unquote, urlparse

_url = urlparse(os.environ["DJANGO_DATABASE_URL"])

SECRET_KEY = "geodjango-client-test"
USE_TZ = True
INSTALLED_APPS = ["django.contrib.gis", "regionapp"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {
    "default": {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "NAME": _url.path.lstrip("/"),
        "USER": unquote(_url.username or ""),
        "PASSWORD": unquote(_url.password or ""),
        "HOST": _url.hostname or "",
        "PORT": str(_url.port or 5432),
        # DJANGO_SCHEMA: the app's tables in a schema of the test's own (PostGIS stays reachable in public).
        "OPTIONS": {"options": f"-c search_path={os.environ['DJANGO_SCHEMA']},public"} if os.environ.get("DJANGO_SCHEMA") else {},
    }
}
