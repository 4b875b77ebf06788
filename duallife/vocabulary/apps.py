from django.apps import AppConfig


class VocabularyConfig(AppConfig):
    name = "duallife.vocabulary"
    label = "vocabulary"
