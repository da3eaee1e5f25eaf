"""``make bench``: data at several scales, then page, import and PDF timings into ``docs/performance.md``.

The benchmark is an app of its own, so the domain apps hold only what they serve:
``registry`` (what is measured and how it is timed), ``scenarios`` (one module per app and the
explicit list ``scenarios.SCENARIOS``), ``urls`` (the bare list views the pages are compared
with) and the ``bench`` management command. To measure a new app, add
``scenarios/<app>.py`` with a ``register()`` and put its name in ``SCENARIOS``.
"""
