"""What every page costs a signed-in person, for the tests that bound a page's queries.

The header's roles and counts (``duallife.site.selectors.navigation``): one query for the roles
and the talent's and company's counts, one for unread messages (talents and companies), one each
for the review queue, the follow-up alerts and the travel-support claims waiting (staff), one
for new inquiries (operators).
"""

TALENT_HEADER_QUERIES = 2
COMPANY_HEADER_QUERIES = 2
COORDINATOR_HEADER_QUERIES = 4
OPERATOR_HEADER_QUERIES = 5
