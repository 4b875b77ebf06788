"""Japanese formats that differ from Django's: times to the minute with a leading zero, and a
space between the day and the time (「2026年12月7日 09:05」). The rest is Django's."""

DATETIME_FORMAT = "Y年n月j日 H:i"
TIME_FORMAT = "H:i"
