from django.apps import AppConfig

from .registry import DAILY


class CoreConfig(AppConfig):
    name = "website.core"
    label = "core"
    verbose_name = "Basis"
    periodic_tasks = {"website.core.tasks.delete_expired_personal_data": DAILY}

    def ready(self):
        from django.core.signals import request_finished  # noqa: PLC0415

        from . import signals  # noqa: F401, PLC0415 - connect when the models are ready
        from .spool import replay_after_request  # noqa: PLC0415

        request_finished.connect(replay_after_request, dispatch_uid="replay-kept-forms")

        self.label_wagtails_site_columns()
        self.let_pillow_open_what_uploads_allow()

    @staticmethod
    def let_pillow_open_what_uploads_allow():
        # Pillow warns above 89 megapixels and refuses twice that; the upload's own limit
        # is the one that counts (WAGTAILIMAGES_MAX_IMAGE_PIXELS), so the worker making the
        # renditions of an allowed image gets no "decompression bomb" warning.
        from django.conf import settings  # noqa: PLC0415
        from PIL import Image  # noqa: PLC0415

        Image.MAX_IMAGE_PIXELS = max(
            Image.MAX_IMAGE_PIXELS, settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        )

    @staticmethod
    def label_wagtails_site_columns():
        # Beheerders see Wagtail's Sites screen: "Port", "Site name", "Root page" → Dutch.
        from wagtail.models import Site  # noqa: PLC0415
        from wagtail.sites.views import IndexView  # noqa: PLC0415

        from .admin_views import label_columns_by_their_fields  # noqa: PLC0415

        label_columns_by_their_fields(IndexView, Site)
