from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "website.network"
    label = "network"
    verbose_name = "Netwerk"
