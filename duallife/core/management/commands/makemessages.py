"""``makemessages`` that also finds ``_lazy("…")``: the project's alias for ``gettext_lazy`` where
``_`` is already ``gettext`` in the same module."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_lazy"]
