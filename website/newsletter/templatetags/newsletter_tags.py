from django import template
from django.template.loader import render_to_string

from website.newsletter.forms import SubscribeForm

register = template.Library()


@register.simple_tag
def newsletter_signup(place):
    """The short sign-up form as HTML (`place`: "footer" or "home", which keeps the ids on
    a page apart). It holds no CSRF token, so the pages it is on stay cacheable (see
    newsletter.views); `{% newsletter_signup "footer" as form %}` keeps it for later."""
    form = SubscribeForm(auto_id=f"{place}-nieuwsbrief-%s")
    return render_to_string("newsletter/includes/signup_form.html", {"form": form})
