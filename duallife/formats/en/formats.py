"""English formats that differ from Django's: the day before the month ("7 Dec 2026"), as the
people using the English pages mostly read dates outside the United States, and a 24-hour clock
like the Japanese pages. The rest is Django's."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"
