from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "duallife.recommendations"
    label = "recommendations"
    verbose_name = "おすすめ"
