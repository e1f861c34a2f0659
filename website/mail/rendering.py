"""Every mail's words come from templates, one set per mail: `<app>/mail/<name>.subject.txt`
(one line), `<name>.txt` (the text) and, where the mail has one, `<name>.html`.

Text templates render without HTML escaping: a name with "&" or "'t" must reach a plain-text
mail as typed. The HTML part is rendered with escaping, as any HTML. Editors' words stay out
of code, and a translation works on the templates alone.
"""

from dataclasses import dataclass

from django.template import Context, engines
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str = ""


def render_mail(name, context):
    """RenderedMail of the templates `name` + ".subject.txt", ".txt" and (optional) ".html".
    `name` is a template path without extension ("agenda/mail/confirmation"); `context` a
    dict. The subject is one line, spaces collapsed. Raises TemplateDoesNotExist when the
    subject or text template is missing."""
    subject = render_subject(f"{name}.subject.txt", context)
    text = _render_text(f"{name}.txt", context).strip() + "\n"
    try:
        html = render_to_string(f"{name}.html", context)
    except TemplateDoesNotExist:
        html = ""
    return RenderedMail(subject, text, html)


def render_subject(template_name, context):
    """One line from the template `template_name` (rendered as text, spaces collapsed)."""
    return " ".join(_render_text(template_name, context).split())


def _render_text(template_name, context):
    template = engines["django"].engine.get_template(template_name)
    return template.render(Context(context, autoescape=False))
