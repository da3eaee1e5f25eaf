"""Dates as the portal's users write them: ДД.ММ.ГГГГ everywhere (Django's Russian default spells the month)."""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
