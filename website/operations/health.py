"""The health check at `/healthz`, for the reverse proxy and for monitoring.

It answers JSON, never cached, with no personal data:

    {"status": "ok" | "degraded" | "stalled" | "down",
     "database": {"ok": true, "ms": 1.4},
     "cache": {"ok": true, "shared": true, "ms": 0.3},
     "tasks": {"ok": true, "waiting": 0, "oldest_waiting_seconds": 0},
     "worker": {"ok": true, "last_seen_seconds": 3, "busy_seconds": null, "processes": 1},
     "scheduler": {"ok": true, "last_seen_seconds": 41, "busy_seconds": null, "processes": 1}}

HTTP 503 when the database does not answer ("down": the site cannot serve pages) and when
the task worker or the scheduler has shown no sign of life for too long ("stalled": mails,
confirmations and scheduled publishing wait; `HEALTH_WORKER_SILENT_SECONDS`,
`HEALTH_SCHEDULER_SILENT_SECONDS`; a worker busy with one task counts as alive for
`HEALTH_TASK_MAX_SECONDS`). Their signs of life are the heartbeats of
`operations.liveness`. Otherwise 200: Redis out of reach (`cache.shared` false: each
process uses its own memory) and tasks waiting longer than `HEALTH_TASK_DELAY_SECONDS` make
the status "degraded" only.
"""

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Max, Min, Q, When
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import ProcessHeartbeat


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


def seconds_since(moment, now):
    return max(int((now - moment).total_seconds()), 0) if moment else None


def process_state(role, silent_seconds):
    """{"ok", "last_seen_seconds", "busy_seconds", "processes"} of the background processes
    in `role`: the newest heartbeat, the longest-running task of one still within
    HEALTH_TASK_MAX_SECONDS, and how many processes beat within `silent_seconds`. ok: one
    beat within `silent_seconds`, or one is busy with a task."""
    now = timezone.now()
    recent = now - datetime.timedelta(seconds=silent_seconds)
    busy_limit = now - datetime.timedelta(seconds=settings.HEALTH_TASK_MAX_SECONDS)
    beats = ProcessHeartbeat.objects.filter(role=role).aggregate(
        last=Max("beat_at"),
        busy=Min("busy_since", filter=Q(busy_since__gte=busy_limit)),
        processes=Count("id", filter=Q(beat_at__gte=recent)),
    )
    last_seen, busy = seconds_since(beats["last"], now), seconds_since(beats["busy"], now)
    return {
        "ok": (last_seen is not None and last_seen <= silent_seconds) or busy is not None,
        "last_seen_seconds": last_seen,
        "busy_seconds": busy,
        "processes": beats["processes"],
    }


def background_states():
    """The worker's and the scheduler's states, where this installation runs them (tests run
    tasks at once and have neither: HEALTH_BACKGROUND_PROCESSES off)."""
    if not settings.HEALTH_BACKGROUND_PROCESSES:
        return {}
    return {
        "worker": process_state(
            ProcessHeartbeat.Role.WORKER, settings.HEALTH_WORKER_SILENT_SECONDS
        ),
        "scheduler": process_state(
            ProcessHeartbeat.Role.SCHEDULER, settings.HEALTH_SCHEDULER_SILENT_SECONDS
        ),
    }


@never_cache
@require_safe
def health_check(request):
    database = database_state()
    report = {"database": database, "cache": cache_state()}
    background = {}
    if database["ok"]:
        report["tasks"] = task_queue_state()
        background = background_states()
        report |= background
    else:
        report["tasks"] = {"ok": False, "error": "database"}
    if not database["ok"]:
        status = "down"
    elif not all(part["ok"] for part in background.values()):
        status = "stalled"
    elif all(part["ok"] for part in report.values()):
        status = "ok"
    else:
        status = "degraded"
    code = 503 if status in ("down", "stalled") else 200
    return JsonResponse({"status": status, **report}, status=code)
