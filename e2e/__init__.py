"""Browser tests: headless Chromium (Debian package) driven by Playwright, checked with axe-core."""
