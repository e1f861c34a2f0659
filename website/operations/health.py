"""The health check at `/healthz`, for the reverse proxy and for monitoring.

It answers JSON, never cached, with no personal data:

    {"status": "ok" | "degraded" | "down",
     "database": {"ok": true, "ms": 1.4},
     "cache": {"ok": true, "shared": true, "ms": 0.3},
     "tasks": {"ok": true, "waiting": 0, "oldest_waiting_seconds": 0}}

HTTP 200 while the database answers (the site can serve pages), 503 when it does not. Redis
out of reach (`cache.shared` false: each process uses its own memory) and tasks waiting
longer than `HEALTH_TASK_DELAY_SECONDS` (the worker is down or behind) make the status
"degraded" but keep 200: every app server shares Redis and the worker, so taking one server
out of the proxy's rotation for them would help no one.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Min, When
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max


def milliseconds_since(start):
    return round((time.perf_counter() - start) * 1000, 1)


def database_state():
    """{"ok": bool, "ms": float} of one `SELECT 1`; "error" names the exception class."""
    start = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "ms": milliseconds_since(start)}


def cache_state():
    """{"ok": bool, "shared": bool, "ms": float}: a write and read back through the default
    cache; `shared` is false while Redis is out and this process answers from memory."""
    start = time.perf_counter()
    token = str(time.time())
    cache.set("health-check", token, 30)
    shared = not getattr(cache, "unavailable", False)
    ok = cache.get("health-check") == token and shared
    return {"ok": ok, "shared": shared, "ms": milliseconds_since(start)}


def task_queue_state():
    """{"ok": bool, "waiting": int, "oldest_waiting_seconds": int}: tasks due to run but not
    picked up by the worker, and how long the oldest has waited."""
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default="run_after")
    waiting = DBTaskResult.objects.ready().aggregate(oldest=Min(due_since), count=Count("id"))
    oldest = waiting["oldest"]
    seconds = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {
        "ok": seconds <= settings.HEALTH_TASK_DELAY_SECONDS,
        "waiting": waiting["count"],
        "oldest_waiting_seconds": max(seconds, 0),
    }


@never_cache
@require_safe
def health_check(request):
    database = database_state()
    report = {"database": database, "cache": cache_state()}
    if database["ok"]:
        report["tasks"] = task_queue_state()
    else:
        report["tasks"] = {"ok": False, "error": "database"}
    if not database["ok"]:
        status = "down"
    elif all(part["ok"] for part in report.values()):
        status = "ok"
    else:
        status = "degraded"
    return JsonResponse({"status": status, **report}, status=503 if status == "down" else 200)
