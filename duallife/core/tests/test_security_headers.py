"""Every response carries the strict Content-Security-Policy (scripts and styles from our own files
only) and the Permissions-Policy; no template writes an inline script, style element or style
attribute that the policy would refuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
PAGES = ["/", "/en/", "/regions/", "/simulator/", "/accounts/login/", "/api/v1/docs", "/healthz"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"|\son[a-z]+=\"", re.IGNORECASE)


def directives(header: str) -> dict[str, str]:
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_strict_policies(client, path):
    response = client.get(path)
    policy = directives(response["Content-Security-Policy"])

    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    assert "publickey-credentials-get=(self)" in permissions  # security keys for MFA
    assert "microphone=()" in permissions
    assert "geolocation=()" in permissions


def test_no_template_writes_what_the_policy_refuses():
    offenders = []
    for template in sorted(PACKAGE.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{template.relative_to(PACKAGE)}:{line}: {match.group(0).strip()}")
    assert offenders == []
