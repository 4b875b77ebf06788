"""A saved search of the sheet listing is named 「案件」 (the talents' word), no longer 「仕様書」."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0003_reasons_as_codes")]

    operations = [
        migrations.AlterField(
            model_name="savedsearch",
            name="kind",
            field=models.CharField(
                choices=[("sheets", "案件"), ("talents", "人材")], max_length=8, verbose_name="種類"
            ),
        ),
    ]
