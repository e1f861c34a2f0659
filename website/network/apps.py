from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "website.network"
    label = "network"
    verbose_name = "Netwerk"
    seed_steps = {
        200: "website.network.seed.members",
        210: "website.network.seed.chair_terms",
        310: "website.network.seed.member_directory",
    }
