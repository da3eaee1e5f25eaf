"""Loaded by pytest (``-p`` in pytest.ini) before Django: the environment of the test suite.

Production-like settings (DEBUG off), minus what needs HTTPS or collected static files.
Only defaults: a variable set by the caller (DATABASE_URL on CI) wins.
"""

import os

for key, value in {
    "DJANGO_SETTINGS_MODULE": "cluster_portal.settings",
    "SECRET_KEY": "test-secret-key-not-for-production-0123456789-abcdefghijklmnop",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "STATIC_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "FAST_PASSWORD_HASHER": "true",
    "PORTAL_BASE_URL": "http://127.0.0.1:8000",
    # The suite logs in from one address many times; core/tests/test_security_http.py sets its own limits.
    "RATE_LIMIT_LOGIN": "10000",
    "RATE_LIMIT_PASSWORD_RESET": "10000",
    # Likewise the API's throttling (cluster_portal/api tests set their own rates).
    "API_RATE_USER": "100000/hour",
    "API_RATE_ANON": "100000/hour",
    "MEDIA_ROOT": os.path.join(os.path.dirname(__file__), "..", "..", "..", "var", "test-media"),
}.items():
    os.environ.setdefault(key, value)
