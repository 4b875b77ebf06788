"""Reads of region data worth naming, one module per page: ``overview`` (the Tohoku overview and the
list of prefectures), ``prefectures``, ``municipalities``; ``figures`` holds what they share.
Query counts stay flat whatever the number of rows.

The page selectors return small frozen dataclasses that hold model instances already loaded
with everything the templates touch, so rendering a page never triggers a query of its own.
"""
