"""The dashboard's filters: one value object, read from and written to the URL.

The filter state lives in the query string so a view can be shared by link.
Unknown or malformed values are dropped (never an error): a hand-edited URL
falls back to the defaults rather than breaking the page. Which municipality
a user may see is *not* decided here: the data layer checks that.

    >>> f = Filters.from_query({"fran": "2026-01", "till": "2026-06", "kon": "girl"})
    >>> f.previous().start, f.previous().end
    ('2025-07', '2025-12')
    >>> f.to_query()["kon"]
    'girl'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from barnrosten.answering.responses import ANSWERED_WITH, GENDERS

RESPONDENT_GROUPS = ("children", "youth", "guardians", "placed")
# Groups of groups, for reports rather than the dashboard's filter: children and young people,
# guardians left out (the children's summary speaks of "barn och unga").
YOUNG = "young"
GROUP_SETS = {YOUNG: ("children", "youth", "placed")}
# Where in social services the meeting happened; set per session.
SERVICE_AREAS = ("mottagning", "utredning", "oppenvard", "placering")
# Six months is long enough to gather more than k answers in a small municipality
# and short enough that a change from the previous half-year means something.
DEFAULT_PERIOD_MONTHS = 6
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

# Filter field -> query parameter (Swedish, since the URL is shared among Swedish staff).
QUERY_NAMES = {
    "municipality": "kommun", "start": "fran", "end": "till", "survey": "enkat", "group": "grupp",
    "age_band": "alder", "gender": "kon", "service_area": "omrade", "answered_with": "svarade",
    "patterns": "monster",
}
# The switch that leaves out answer patterns that need care (barnrosten/results/answer_patterns.py).
WITHOUT_PATTERNS = "utan"


def month_index(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def month_from_index(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(start: str, end: str) -> list[str]:
    """Every month from start to end, inclusive: months_between('2026-11', '2027-01') has three."""
    return [month_from_index(i) for i in range(month_index(start), month_index(end) + 1)]


GRANULARITIES = ("month", "quarter")


def bucket(month: str, granularity: str = "month") -> str:
    """The month itself, or its quarter: bucket('2026-08', 'quarter') == '2026-Q3'."""
    if granularity == "quarter":
        year, number = month.split("-")
        return f"{year}-Q{(int(number) - 1) // 3 + 1}"
    return month


def default_period(today: date | None = None) -> tuple[str, str]:
    today = today or date.today()
    end = month_index(f"{today.year:04d}-{today.month:02d}")
    return month_from_index(end - DEFAULT_PERIOD_MONTHS + 1), month_from_index(end)


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows. None means "all". Months are 'YYYY-MM', inclusive."""

    start: str
    end: str
    municipality: str | None = None
    survey: str | None = None
    group: str | None = None
    age_band: str | None = None
    gender: str | None = None
    service_area: str | None = None
    # On their own or with an adult's help (the last question): such answers are read differently.
    answered_with: str | None = None
    # WITHOUT_PATTERNS: leave out respondents whose face answers are all the same (answer_patterns.py).
    patterns: str | None = None

    @classmethod
    def default(cls, today: date | None = None, **values) -> "Filters":
        start, end = default_period(today)
        return cls(start=start, end=end, **values)

    @classmethod
    def from_query(cls, params, today: date | None = None) -> "Filters":
        """Filters from query parameters (a dict or st.query_params); bad values are ignored."""
        def get(name):
            value = params.get(QUERY_NAMES[name])
            if isinstance(value, list):
                value = value[0] if value else None
            return value if isinstance(value, str) and value else None

        default = cls.default(today)
        start, end = get("start"), get("end")
        start = start if start and _MONTH.match(start) else default.start
        end = end if end and _MONTH.match(end) else default.end
        if month_index(start) > month_index(end):
            start, end = end, start
        checks = {
            "group": lambda v: v in RESPONDENT_GROUPS,
            "gender": lambda v: v in GENDERS,
            "service_area": lambda v: v in SERVICE_AREAS,
            "answered_with": lambda v: v in ANSWERED_WITH,
            "patterns": lambda v: v == WITHOUT_PATTERNS,
        }
        values = {}
        for name in ("municipality", "survey", "group", "age_band", "gender", "service_area", "answered_with",
                     "patterns"):
            value = get(name)
            if value is not None and checks.get(name, lambda v: bool(_SLUG.match(v)))(value):
                values[name] = value
        return cls(start=start, end=end, **values)

    def to_query(self) -> dict[str, str]:
        return {QUERY_NAMES[k]: v for k, v in asdict(self).items() if v is not None}

    def months(self) -> list[str]:
        return months_between(self.start, self.end)

    def buckets(self, granularity: str = "month") -> list[str]:
        return list(dict.fromkeys(bucket(m, granularity) for m in self.months()))

    def previous(self) -> "Filters":
        """The same filters over the period of the same length just before."""
        length = month_index(self.end) - month_index(self.start) + 1
        return replace(self, start=month_from_index(month_index(self.start) - length),
                       end=month_from_index(month_index(self.start) - 1))

    def with_municipality(self, municipality: str | None) -> "Filters":
        return replace(self, municipality=municipality)

    def describe(self) -> dict[str, str]:
        """The filters in force, for report headers and audit entries."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}
