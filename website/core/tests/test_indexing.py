"""Index updates made once per object at the end of work that saves many objects many times
(the seed, a Joomla import): website.core.indexing."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, ReferenceIndex

from website.core.indexing import INDEX_TASKS, index_updates_once
from website.pages.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.indexing]

PRODUCTION_QUEUE = {
    "default": {"BACKEND": "website.operations.queue.PrioritisedQueue", "QUEUES": ["default"]}
}


def queued_index_updates():
    return DBTaskResult.objects.filter(task_path__in=INDEX_TASKS).count()


def test_saves_inside_queue_nothing_and_the_page_is_searchable_at_the_end(seeded, settings):
    settings.TASKS = PRODUCTION_QUEUE
    home = seeded.root_page
    with index_updates_once():
        page = StandardPageFactory(parent=home, title="Xylofoonles in de buurt")
        for _ in range(3):  # an import saves, makes a revision and publishes
            page.save_revision().publish()
        linking = StandardPageFactory(
            parent=home,
            title="Verwijzing",
            body=[("paragraph", f'<p><a linktype="page" id="{page.pk}">les</a></p>')],
        )
        assert not list(Page.objects.live().search("xylofoonles"))  # not yet
        assert queued_index_updates() == 0
    assert [p.pk for p in Page.objects.live().search("xylofoonles")] == [page.pk]
    assert ReferenceIndex.get_references_to(page).filter(object_id=str(linking.pk)).exists()
    assert queued_index_updates() == 0  # the worker has nothing left to do for them


def test_outside_the_block_each_save_is_queued_as_before(seeded, settings):
    settings.TASKS = PRODUCTION_QUEUE
    StandardPageFactory(parent=seeded.root_page, title="Gewoon opgeslagen")
    assert queued_index_updates() >= 2  # search and references, for the worker


def test_an_error_inside_drops_what_was_held(seeded, settings):
    settings.TASKS = PRODUCTION_QUEUE
    with pytest.raises(RuntimeError), transaction.atomic(), index_updates_once():
        StandardPageFactory(parent=seeded.root_page, title="Xylofoonles afgebroken")
        raise RuntimeError("the import stopped")
    assert not list(Page.objects.search("xylofoonles"))
    assert queued_index_updates() == 0


def test_an_object_deleted_before_the_end_is_skipped(seeded, settings):
    settings.TASKS = PRODUCTION_QUEUE
    with index_updates_once():
        page = StandardPageFactory(parent=seeded.root_page, title="Xylofoonles weg")
        page.delete()
    assert not list(Page.objects.search("xylofoonles"))
