"""The Russian vocabulary, read from the data file ``ru.toml`` beside this module.

Every name below is one entry of ``ru.toml`` (in lower case); its annotation is the
entry's schema: the loader checks the file against it and gives each value its
Python type. A methodologist extends the vocabulary in ``ru.toml``, not here.
"""

from __future__ import annotations

from typing import Dict, List, Tuple

from roadmap_tools.lexicon.loader import entry

HEADER_SYNONYMS: Dict[str, List[str]] = entry("header_synonyms", Dict[str, List[str]])
HEADER_STEMS: List[Tuple[str, List[str]]] = entry("header_stems", List[Tuple[str, List[str]]])
HEADER_MAX_WORDS: int = entry("header_max_words", int)
TITLE_STARTS: List[str] = entry("title_starts", List[str])
NOT_TITLE_STARTS: List[str] = entry("not_title_starts", List[str])
ORDER_WORDS: List[str] = entry("order_words", List[str])
HEADING_REGION_WORDS: List[str] = entry("heading_region_words", List[str])
ORGANISATION_STARTS: List[str] = entry("organisation_starts", List[str])
APPENDIX_LABEL: str = entry("appendix_label", str)
APPENDIX_DEFAULT_COLUMNS: List[str] = entry("appendix_default_columns", List[str])
REQUIRED_FIELDS: Tuple[str, ...] = entry("required_fields", Tuple[str, ...])
STATUS_DONE: str = entry("status_done", str)
REPORT_STATUSES: List[str] = entry("report_statuses", List[str])
STATUS_SYNONYMS: Dict[str, str] = entry("status_synonyms", Dict[str, str])
RULE_NAMES: Dict[str, str] = entry("rule_names", Dict[str, str])
CONTROL_DONE: str = entry("control_done", str)
CONTROL_DONE_LATE: str = entry("control_done_late", str)
CONTROL_ON_TIME: str = entry("control_on_time", str)
CONTROL_DUE_SOON: str = entry("control_due_soon", str)
CONTROL_OVERDUE: str = entry("control_overdue", str)
CONTROL_NO_DATE: str = entry("control_no_date", str)
CONTROL_STATUSES: List[str] = entry("control_statuses", List[str])
CONTROL_COLOURS: Dict[str, str] = entry("control_colours", Dict[str, str])
MONTH_STEMS: Tuple[str, ...] = entry("month_stems", Tuple[str, ...])
QUARTER_NUMERALS: List[str] = entry("quarter_numerals", List[str])
PREPOSITION_BEFORE_NUMERAL: Dict[str, str] = entry("preposition_before_numeral", Dict[str, str])
PERIOD_PHRASES: Dict[str, str] = entry("period_phrases", Dict[str, str])
PERIOD_SHORT_PHRASES: Dict[str, str] = entry("period_short_phrases", Dict[str, str])
SUBJECT_PHRASE: str = entry("subject_phrase", str)
SUBJECT_PHRASE_NO_SENDER: str = entry("subject_phrase_no_sender", str)
SUBJECT_ABOUT: str = entry("subject_about", str)
SUBJECT_ABOUT_TITLED: str = entry("subject_about_titled", str)
SUBJECT_TITLE_MAX: int = entry("subject_title_max", int)
OUTPUT_FILE_NAMES: Dict[str, Tuple[str, ...]] = entry("output_file_names", Dict[str, Tuple[str, ...]])
FILE_NAME_FALLBACK: str = entry("file_name_fallback", str)
LETTER_BLANK: str = entry("letter_blank", str)
SMTP_SECURITY_SYNONYMS: Dict[str, str] = entry("smtp_security_synonyms", Dict[str, str])
MONTH_FORMS: Dict[int, List[str]] = entry("month_forms", Dict[int, List[str]])
SEASON_MONTHS: Dict[str, Tuple[int, ...]] = entry("season_months", Dict[str, Tuple[int, ...]])
SEASON_FORMS: Dict[str, List[str]] = entry("season_forms", Dict[str, List[str]])
ORDINAL_WORDS: Dict[int, List[str]] = entry("ordinal_words", Dict[int, List[str]])
ORDINAL_SUFFIXES: List[str] = entry("ordinal_suffixes", List[str])
QUARTER_WORDS: List[str] = entry("quarter_words", List[str])
HALF_YEAR_WORDS: List[str] = entry("half_year_words", List[str])
YEAR_WORDS: List[str] = entry("year_words", List[str])
ACADEMIC_YEAR_WORDS: List[str] = entry("academic_year_words", List[str])
ACADEMIC_YEAR_START: Tuple[int, ...] = entry("academic_year_start", Tuple[int, ...])
ACADEMIC_YEAR_END: Tuple[int, ...] = entry("academic_year_end", Tuple[int, ...])
SCHOOL_QUARTER_WORDS: List[str] = entry("school_quarter_words", List[str])
SCHOOL_QUARTERS: Dict[int, Tuple[Tuple[int, ...], ...]] = entry(
    "school_quarters", Dict[int, Tuple[Tuple[int, ...], ...]]
)
SCHOOL_HOLIDAY_FORMS: Dict[str, List[str]] = entry("school_holiday_forms", Dict[str, List[str]])
SCHOOL_HOLIDAYS: Dict[str, Tuple[Tuple[int, ...], ...]] = entry(
    "school_holidays", Dict[str, Tuple[Tuple[int, ...], ...]]
)
SPAN_PART_WORDS: Dict[str, List[str]] = entry("span_part_words", Dict[str, List[str]])
EACH_MONTH_PART_WORDS: Dict[str, List[str]] = entry("each_month_part_words", Dict[str, List[str]])
MONTH_PART_DAYS: Dict[str, Tuple[int, ...]] = entry("month_part_days", Dict[str, Tuple[int, ...]])
ACADEMIC_HALVES: Dict[int, Tuple[Tuple[int, ...], ...]] = entry(
    "academic_halves", Dict[int, Tuple[Tuple[int, ...], ...]]
)
DAY_WORDS: List[str] = entry("day_words", List[str])
DUE_BY_START: List[str] = entry("due_by_start", List[str])
DUE_BY_END: List[str] = entry("due_by_end", List[str])
RANGE_FROM: List[str] = entry("range_from", List[str])
RANGE_TO: List[str] = entry("range_to", List[str])
LIST_SEPARATORS: List[str] = entry("list_separators", List[str])
CONTINUOUS_MARKERS: List[str] = entry("continuous_markers", List[str])
WHOLE_PERIOD_MARKERS: List[str] = entry("whole_period_markers", List[str])
RECURRING_MARKERS: Dict[str, List[str]] = entry("recurring_markers", Dict[str, List[str]])
ON_DEMAND_MARKERS: List[str] = entry("on_demand_markers", List[str])
RELATIVE_MARKERS: List[str] = entry("relative_markers", List[str])
END_OF_PERIOD_MARKERS: List[str] = entry("end_of_period_markers", List[str])
DEADLINE_SKIP_WORDS: List[str] = entry("deadline_skip_words", List[str])
AFTER_REPORTING_PERIOD: List[str] = entry("after_reporting_period", List[str])
CURRENT_YEAR_WORDS: List[str] = entry("current_year_words", List[str])
WEEKDAY_WORDS: List[str] = entry("weekday_words", List[str])
DEADLINE_MISSING_WORDS: List[str] = entry("deadline_missing_words", List[str])
DEADLINE_KIND_TITLES: Dict[str, str] = entry("deadline_kind_titles", Dict[str, str])
NO_INFO_WORDS: List[str] = entry("no_info_words", List[str])
NOT_DONE_STARTS: List[str] = entry("not_done_starts", List[str])
NOT_DONE_SUBJECTS: List[str] = entry("not_done_subjects", List[str])
LINK_DOMAINS: List[str] = entry("link_domains", List[str])
MUNICIPALITY_MARKERS: List[Tuple[str, ...]] = entry("municipality_markers", List[Tuple[str, ...]])
DISTRICT_WORDS: Dict[str, str] = entry("district_words", Dict[str, str])
REPORT_FILE_WORDS: List[str] = entry("report_file_words", List[str])
REPORT_TITLE_WORDS: List[str] = entry("report_title_words", List[str])
SENDER_WORDS: List[str] = entry("sender_words", List[str])
DECISION_APPROVED: str = entry("decision_approved", str)
DECISION_REWORK: str = entry("decision_rework", str)
DECISIONS: Tuple[str, ...] = entry("decisions", Tuple[str, ...])
DECISION_SYNONYMS: Dict[str, str] = entry("decision_synonyms", Dict[str, str])
EXECUTOR_EMAIL_HEADER: str = entry("executor_email_header", str)
EXECUTOR_JOINERS: Tuple[str, ...] = entry("executor_joiners", Tuple[str, ...])
INFLECTION_EXCEPTIONS: Dict[str, Dict[str, str]] = entry("inflection_exceptions", Dict[str, Dict[str, str]])

#: Month names in the cases a letter needs, taken from ``MONTH_FORMS`` (see its order in ru.toml).
MONTHS_NOMINATIVE: List[str] = [MONTH_FORMS[month][0] for month in range(1, 13)]
MONTHS_GENITIVE: List[str] = [MONTH_FORMS[month][1] for month in range(1, 13)]
MONTHS_PREPOSITIONAL: List[str] = [MONTH_FORMS[month][4] for month in range(1, 13)]

#: Regular-expression fragments with Russian words (see «Patterns» in ru.toml).
TEXT_PATTERNS: Dict[str, str] = entry("text_patterns", Dict[str, str])
