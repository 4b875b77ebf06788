"""Forms of engagements, one module per part."""
