"""Bookkeeping of the scheduler."""

from django.db import models


class PeriodicTaskRun(models.Model):
    """When each periodic task (the apps' periodic_tasks) was last put in the queue."""

    task_path = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()

    class Meta:
        # Made by the core app; the table kept its name when the model moved here.
        db_table = "core_periodictaskrun"
        verbose_name = "periodieke taak"
        verbose_name_plural = "periodieke taken"

    def __str__(self):
        return self.task_path
