"""Abstract models shared by the apps."""

from django.db import models


class TimeStampedModel(models.Model):
    """Creation and last-change time of a row."""

    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        abstract = True
