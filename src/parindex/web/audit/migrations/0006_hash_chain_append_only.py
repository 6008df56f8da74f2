"""The audit trail as a hash chain, append-only in the database.

Adds ``previous_hash`` and ``row_hash``, chains the existing rows in id order, makes the
previous hash unique (no fork), then creates the triggers that refuse UPDATE and DELETE —
after the backfill, which updates every row once.
"""

import django.utils.timezone
from django.db import migrations, models

from parindex.web.audit import chain, triggers


def chain_existing_rows(apps, schema_editor):
    entry_model = apps.get_model("audit", "AuditEntry")
    previous = chain.GENESIS
    batch = []
    for entry in entry_model.objects.order_by("id").iterator(chunk_size=2000):
        entry.previous_hash = previous
        entry.row_hash = chain.hash_of(entry)
        previous = entry.row_hash
        batch.append(entry)
        if len(batch) >= 2000:
            entry_model.objects.bulk_update(batch, ["previous_hash", "row_hash"])
            batch = []
    if batch:
        entry_model.objects.bulk_update(batch, ["previous_hash", "row_hash"])


def create_triggers(apps, schema_editor):
    triggers.create(schema_editor)


def drop_triggers(apps, schema_editor):
    triggers.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_hardening_actions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="thời điểm"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(default="", max_length=64, verbose_name="mã băm dòng trước"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="row_hash",
            field=models.CharField(default="", max_length=64, verbose_name="mã băm của dòng"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="mã băm dòng trước"),
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
