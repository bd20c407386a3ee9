from django.apps import AppConfig


class ExpectationsConfig(AppConfig):
    name = "expectations"
    verbose_name = "Expectation catalogue"
