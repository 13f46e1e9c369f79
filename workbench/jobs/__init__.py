"""Background jobs: long work (imports of many files, full-corpus detection, re-extraction of every
article) runs outside the web request, with an owner, a state, progress, a result and a per-file log.

Why Huey: it is a small, well-kept task queue whose SQLite storage needs no server at all, so the
embedded default (`scripts/run`, one command) keeps its queue in instance/workbench-jobs.sqlite and
runs it in a worker thread of `workbench serve` or in `workbench worker`. Setting
WORKBENCH_JOBS_URL=redis://host:6379/0 switches the same tasks to Redis, where as many
`workbench worker` processes on as many machines as needed take jobs from one queue. Celery or
Dramatiq would need a broker even on a laptop; RQ needs Redis always.

Huey only carries "run job N" messages. What a user sees (state, progress, result, errors) lives
in the app's own tables (models.py), written by operations.py, with every state change recorded in
the revision history. Each article a job touches is its own transaction, so a crash leaves the
articles done so far complete and the rest untouched; a worker starting up marks as failed the
running jobs whose worker is gone (operations.recover_orphans).

Modules: models (tables), operations (state changes), queries (reads), runners (the work of each
kind), tasks (the Huey queue and consumer), forms, blueprint (pages), commands (CLI).
"""
