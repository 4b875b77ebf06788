"""The current page's address in the default language, for the language switch's ``next``.

Django's ``set_language`` view runs on an unprefixed URL, where ``LocaleMiddleware`` activates
the default language when ``prefix_default_language=False``; it then cannot resolve an English
``next`` such as ``/en/regions/05/`` and sends the visitor back to English. Given the unprefixed
path instead, it translates it into whichever language was chosen.

    {% load i18n_paths %}<input name="next" type="hidden" value="{% default_language_path %}">
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def default_language_path(context) -> str:
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), settings.LANGUAGE_CODE)
