# The agenda's fixtures (an event date open for sign-ups), for the tests here that sign up.
from website.agenda.tests.conftest import agenda, make_event, open_date  # noqa: F401
