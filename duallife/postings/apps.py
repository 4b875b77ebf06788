from django.apps import AppConfig


class PostingsConfig(AppConfig):
    name = "duallife.postings"
    label = "postings"
