from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "cocreate.demo"
    verbose_name = "Demo"
