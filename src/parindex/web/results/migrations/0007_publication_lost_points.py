"""Publications record the points each unit lost (with the appraiser's reason) when published.

Publications made before this migration get them computed once, from the rows as they
stand now; from then on the unit pages read only what the publication holds.
"""

from django.db import migrations, models


def record_lost_points(apps, schema_editor):
    from parindex.web.results.lost_points import dumps, in_order, lost_point

    Publication = apps.get_model("results", "Publication")
    Score = apps.get_model("assessments", "Score")
    for publication in Publication.objects.filter(lost_points=""):
        by_unit = {}
        scores = (
            Score.objects.filter(cycle_id=publication.cycle_id, not_applicable=False)
            .select_related("criterion", "unit")
            .prefetch_related("corrections")
        )
        for s in scores:
            decisions = [(c.round, c.appraised_score, c.reason) for c in s.corrections.all()]
            row = lost_point(
                s.criterion.code, s.criterion.name, s.criterion.max, s.self_score, decisions
            )
            by_unit.setdefault(s.unit.code, [])
            if row is not None:
                by_unit[s.unit.code].append(row)
        # the model's save() refuses edits; a migration's historical model has no such save
        Publication.objects.filter(pk=publication.pk).update(
            lost_points=dumps({code: in_order(rows) for code, rows in by_unit.items()})
        )


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0006_surveysource_draws"),
        ("assessments", "0001_initial"),
        ("appraisals", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="lost_points",
            field=models.TextField(
                blank=True,
                verbose_name="điểm bị mất theo tiêu chí, kèm lý do thẩm định, khi công bố (JSON)",
            ),
        ),
        migrations.RunPython(record_lost_points, migrations.RunPython.noop),
    ]
