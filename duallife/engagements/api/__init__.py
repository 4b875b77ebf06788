"""JSON API of engagements for the acting user, one router per part (mounted under ``/api/v1/my/``)."""
