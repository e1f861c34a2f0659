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


class ProcessHeartbeat(models.Model):
    """The last sign of life of one background process (a task worker or the scheduler), so
    `/healthz` can tell a dead or stuck one from an idle one. One row per process; a process
    that stops leaves its row, which ages."""

    class Role(models.TextChoices):
        WORKER = "worker", "Taakverwerker"
        SCHEDULER = "scheduler", "Planner"

    role = models.CharField("Soort", max_length=20, choices=Role.choices)
    process = models.CharField("Proces", max_length=200, help_text="Machine en procesnummer.")
    started_at = models.DateTimeField("Gestart op")
    beat_at = models.DateTimeField("Laatste teken van leven")
    busy_since = models.DateTimeField("Bezig met een taak sinds", null=True, blank=True)

    class Meta:
        verbose_name = "teken van leven"
        verbose_name_plural = "tekens van leven"
        constraints = [
            models.UniqueConstraint(fields=["role", "process"], name="one_heartbeat_per_process")
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.process}"


class SchedulerLease(models.Model):
    """Which scheduler process may enqueue periodic tasks, until when. One row: a scheduler
    started on a second host waits until the holder's lease has run out (it stopped)."""

    holder = models.CharField(max_length=200)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = "planner aan de beurt"
        verbose_name_plural = "planner aan de beurt"

    def __str__(self):
        return self.holder
