"""Every mail's words come from templates (website.mail.rendering): complete sets, text as
typed (no HTML escaping), and no subject or text written in Python anywhere else."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

from website.mail.rendering import render_mail

WEBSITE = Path(settings.BASE_DIR) / "website"
MAIL_TEMPLATES = sorted(WEBSITE.glob("*/templates/*/mail/*.txt"))


def mail_names():
    """Template names without extension of every mail's text ("agenda/mail/confirmation")."""
    return sorted(
        path.relative_to(path.parents[2]).as_posix().removesuffix(".txt")
        for path in MAIL_TEMPLATES
        if not path.name.endswith(".subject.txt")
    )


def test_there_are_mail_templates_to_check():
    assert len(mail_names()) >= 9, mail_names()


def test_every_subject_belongs_to_a_mail():
    for subject in (path for path in MAIL_TEMPLATES if path.name.endswith(".subject.txt")):
        stem = subject.name.removesuffix(".subject.txt")
        assert any((subject.parent / f"{stem}.{kind}").exists() for kind in ("txt", "html"))


@pytest.mark.parametrize("name", mail_names())
def test_every_mail_has_a_subject_and_a_text_and_renders(name):
    mail = render_mail(name, {})
    assert mail.subject and "\n" not in mail.subject
    assert mail.text.strip()
    assert "{{" not in mail.text and "{%" not in mail.text


def test_text_and_subject_keep_what_people_typed_and_html_is_escaped(tmp_path, settings):
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "x.subject.txt").write_text("Voor {{ name }}\n")
    (tmp_path / "probe" / "x.txt").write_text("Beste {{ name }},\n\n{{ url }}\n")
    (tmp_path / "probe" / "x.html").write_text("<p>Beste {{ name }},</p>\n")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    engines._engines = {}  # the engine is built from TEMPLATES once
    try:
        name = "Anna & 't Hof <zij/haar>"
        mail = render_mail("probe/x", {"name": name, "url": "https://example.org/?a=1&b=2"})
    finally:
        engines._engines = {}
    assert mail.subject == f"Voor {name}"
    assert mail.text == f"Beste {name},\n\nhttps://example.org/?a=1&b=2\n"
    assert mail.html == "<p>Beste Anna &amp; &#x27;t Hof &lt;zij/haar&gt;,</p>\n"


def python_files():
    for path in WEBSITE.rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path


def test_no_mail_is_written_in_python():
    """`queue_email` is called with words from templates: `queue_templated_email` in every
    app, and the newsletter's own rendering (`newsletter.mailing.render_mail`: subject and
    HTML from templates, its text version derived from the same sections) when it is sent
    or tested."""
    callers = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "queue_email":
                callers.append(path.relative_to(WEBSITE).as_posix())
    assert sorted(set(callers)) == [
        "mail/outbox.py",
        "newsletter/admin_views.py",
        "newsletter/sending.py",
    ]
