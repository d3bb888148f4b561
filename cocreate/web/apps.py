from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "cocreate.web"
    verbose_name = "Web"
