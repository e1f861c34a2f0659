"""What the seed made, so it is never made twice."""

from django.db import models


class SeedRecord(models.Model):
    """What the seed command created, by a stable key. The seed never creates a key twice,
    so content that editors renamed, moved or deleted is not brought back."""

    key = models.CharField(max_length=200, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Made by the core app; the table kept its name when the model moved here.
        db_table = "core_seedrecord"
        verbose_name = "geïmporteerd uit de seed"
        verbose_name_plural = "geïmporteerd uit de seed"

    def __str__(self):
        return self.key

    def target(self):
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None
