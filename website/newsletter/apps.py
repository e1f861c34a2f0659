from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "website.newsletter"
    label = "newsletter"
    verbose_name = "Nieuwsbrief"
    # Its expire() erases sign-ups never confirmed; the daily privacy task calls it.
    personal_data = "website.newsletter.personal_data"
    seed_steps = {460: "website.newsletter.seed.newsletter"}
    # A send whose worker died between batches goes on (see newsletter.sending).
    periodic_tasks = {"website.newsletter.sending.resume_sending": 5 * 60}
