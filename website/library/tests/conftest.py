import pytest

from website.library.factories import LibraryIndexPageFactory


@pytest.fixture
def library(home_page):
    return LibraryIndexPageFactory(parent=home_page)
