"""Personal data held by the "Formulier" pages: the answers people sent. Each form erases
its answers after its own retention period (`FormPage.retention_days`), which the form
tells the visitor; the site-wide period does not apply to them."""

from django.db.models import Q
from django.utils import timezone

from website.core.email_addresses import canonical_email, email_q
from website.mail.outbox import forget_mail_about

from .models import FormAnswer, FormPage

NAME = "formulieren"


def _answers(email):
    """Answers whose sender address is `email`, or that hold it exactly as the value of a
    field (capitals and surrounding spaces aside): never a part of an address."""
    by_sender = FormAnswer.objects.filter(email_q("sender_email", email))
    others = FormAnswer.objects.filter(sender_email="")  # an address in a field not checked
    found = list(by_sender.select_related("page"))
    found += [
        answer
        for answer in others.select_related("page")
        if any(
            isinstance(v, str) and canonical_email(v) == email for v in answer.form_data.values()
        )
    ]
    return found


def export(email):
    return [
        {
            "soort": "antwoord op een formulier",
            "formulier": answer.page.title,
            "gegevens": answer.form_data,
            "datum": answer.submit_time.isoformat(),
        }
        for answer in _answers(email)
    ]


def erase(email):
    answers = _answers(email)
    forget_mail_about(*answers)  # the notices and confirmations quote the answers
    FormAnswer.objects.filter(pk__in=[a.pk for a in answers]).delete()
    return len(answers)


def expire(before):
    """Erase every form's answers older than that form's own retention period (`before`,
    the site-wide limit, is not theirs: each form says its own). Returns the number erased."""
    now = timezone.now()
    old = Q(pk__in=[])
    for form in FormPage.objects.only("pk", "retention_days"):
        old |= Q(page_id=form.pk, submit_time__lt=form.answers_expire_before(now))
    expired = list(FormAnswer.objects.filter(old).only("pk"))
    forget_mail_about(*expired)
    return FormAnswer.objects.filter(pk__in=[a.pk for a in expired]).delete()[0]
