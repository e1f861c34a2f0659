from django.tasks import task

from . import missed


@task
def forget_old_missed_addresses():
    """The report of addresses not found keeps what was missed lately (missed.forget_old)."""
    return missed.forget_old()
