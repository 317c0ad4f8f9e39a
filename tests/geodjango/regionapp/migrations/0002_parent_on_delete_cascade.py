# The contract: parent_id references region(id) ON DELETE CASCADE in the database itself, so a delete made outside
# Django (tigerimport sync-regions --stale delete) removes the children too. Django 3.2 emulates CASCADE in Python only.
from django.db import migrations

FORWARD = """
DO $$
DECLARE fk text;
BEGIN
    SELECT conname INTO fk FROM pg_constraint WHERE conrelid = 'region'::regclass AND contype = 'f';
    EXECUTE format('ALTER TABLE region DROP CONSTRAINT %I', fk);
END $$;
ALTER TABLE region ADD CONSTRAINT region_parent_id_fk
    FOREIGN KEY (parent_id) REFERENCES region (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
"""

BACKWARD = """
ALTER TABLE region DROP CONSTRAINT region_parent_id_fk;
ALTER TABLE region ADD CONSTRAINT region_parent_id_fk
    FOREIGN KEY (parent_id) REFERENCES region (id) DEFERRABLE INITIALLY DEFERRED;
"""


class Migration(migrations.Migration):
    dependencies = [("regionapp", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
