"""Co-writing invitations: a collaborator row becomes an invitation to an address, accepted or not.

Every existing row was a collaborator the company added directly: it becomes an accepted
invitation to its account's address, answered when it was made.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def existing_rows_are_accepted(apps, schema_editor):
    Collaborator = apps.get_model("postings", "SpecSheetCollaborator")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Collaborator.objects.update(
        status="accepted",
        answered_at=F("created_at"),
        delivered_at=F("created_at"),
        email=Subquery(User.objects.filter(pk=OuterRef("user_id")).values("email")[:1]),
    )
    for row in Collaborator.objects.exclude(email=""):
        lowered = row.email.lower()
        if lowered != row.email:
            Collaborator.objects.filter(pk=row.pk).update(email=lowered)


class Migration(migrations.Migration):
    dependencies = [
        ("postings", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="specsheetcollaborator",
            name="email",
            field=models.EmailField(default="", max_length=254, verbose_name="招待したメールアドレス"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="specsheetcollaborator",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "招待中（承諾待ち）"),
                    ("accepted", "参加中"),
                    ("declined", "辞退されました"),
                    ("withdrawn", "取り下げました"),
                    ("expired", "期限切れ"),
                ],
                default="pending",
                max_length=10,
                verbose_name="状態",
            ),
        ),
        migrations.AddField(
            model_name="specsheetcollaborator",
            name="expires_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="有効期限"),
        ),
        migrations.AddField(
            model_name="specsheetcollaborator",
            name="answered_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="回答・取り下げの日時"),
        ),
        migrations.AddField(
            model_name="specsheetcollaborator",
            name="delivered_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="specsheetcollaborator",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(existing_rows_are_accepted, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="specsheetcollaborator",
            options={"verbose_name": "共同編集への招待", "verbose_name_plural": "共同編集への招待"},
        ),
        migrations.AddConstraint(
            model_name="specsheetcollaborator",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "pending")),
                fields=("sheet", "email"),
                name="uniq_sheet_pending_invitation",
            ),
        ),
        migrations.AddIndex(
            model_name="specsheetcollaborator",
            index=models.Index(fields=["email", "status"], name="postings_sp_email_14dc81_idx"),
        ),
    ]
