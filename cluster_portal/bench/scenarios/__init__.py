"""The benchmark's scenarios: one module per app, in the order their data is generated.

Each module names the app's data generator, key pages and extra measurements in its
``register()`` (``registry.register_generator``, ``register_pages``, ``register_extra``). A
generator builds on the rows of those before it (programs for the generated colleges, practice
for their students), so a new app's module goes after the apps whose rows it uses.
"""

SCENARIOS = (
    "members",
    "programs",
    "practice",
    "councils",
    "expertise",
    "reports",
    "jobs",
)
