"""A page an editor scheduled ("Stel schema in") goes live at its time, and one with an
expiry time goes offline: the scheduler runs Wagtail's `publish_scheduled` every minute."""

import datetime
import time

import pytest
from django.utils import timezone

from website.operations.scheduling import enqueue_due_tasks
from website.pages.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_a_scheduled_page_goes_live_and_an_expired_one_goes_offline(client, home_page, commit):
    scheduled = StandardPageFactory(parent=home_page, title="Ingepland", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    scheduled.save_revision().publish()  # what "Publiceren" with a schedule does
    scheduled.refresh_from_db()
    assert not scheduled.live and client.get(scheduled.url).status_code == 404
    expiring = StandardPageFactory(parent=home_page, title="Verloopt")
    expiring.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expiring.save_revision().publish()
    assert client.get(expiring.url).status_code == 200

    time.sleep(1.1)  # its time comes
    with commit():
        enqueue_due_tasks()  # what `run_periodic_tasks --loop` does each minute
    scheduled.refresh_from_db()
    expiring.refresh_from_db()
    assert scheduled.live and client.get(scheduled.url).status_code == 200
    assert not expiring.live and expiring.expired
