"""Expected figures from the policy report, typed in from its tables (not computed)."""

TOKYO = "131008"
TOKYO_RENT = 105_167

# table 5-6-2: monthly rent + two Shinkansen round trips to Tokyo
TABLE_5_6_2 = {
    "022012": ("青森市", 118_627),
    "032018": ("盛岡市", 109_542),
    "041009": ("仙台市", 104_305),
    "052019": ("秋田市", 119_768),
    "062014": ("山形市", 95_561),
    "072010": ("福島市", 84_708),
    "151009": ("新潟市", 94_250),
    "172014": ("金沢市", 112_206),
    "221007": ("静岡市", 84_775),
}
