"""The Russian vocabulary of roadmaps, kept as data in one place.

Column headers and their synonyms, statuses, and (below) the words of deadlines.
The code that reads documents and deadlines looks words up here; it does not spell
them out again. A methodologist can extend any list: one more string, one more line.
"""
from __future__ import annotations

# ---------------------------------------------------------------------------
# Column headers
# ---------------------------------------------------------------------------
#: Field -> header titles known to mean it (compared lower-case, whitespace and
#: punctuation folded). Exact titles first; ``HEADER_STEMS`` catches new wordings.
HEADER_SYNONYMS: dict = {
    "number": ["№", "№ п/п", "№п/п", "№ n/n", "n/n", "п/п", "№ пп", "номер", "№ мероприятия"],
    "section": ["раздел", "направление"],
    "activity": [
        "наименование мероприятия", "мероприятие", "мероприятия",
        "мероприятие (содержание деятельности)", "содержание мероприятия",
        "наименование мероприятий", "содержание деятельности",
        "мероприятие (в соответствии с дорожной картой)",
    ],
    "deadline": [
        "сроки исполнения, реализации", "сроки", "срок", "сроки исполнения",
        "срок исполнения", "сроки реализации", "срок реализации", "сроки проведения",
        "дата проведения", "период проведения", "срок выполнения", "сроки выполнения",
    ],
    "start": ["начало", "дата начала"],
    "end": ["окончание", "дата окончания"],
    "executor": [
        "исполнители", "исполнитель", "ответственный исполнитель",
        "ответственные исполнители", "ответственные", "ответственный",
        "ответственные за исполнение", "ответственный за исполнение",
    ],
    "result": [
        "индикативные показатели", "ожидаемый результат", "ожидаемые результаты",
        "планируемый результат", "планируемые результаты", "результат", "результаты",
        "показатели", "итоговый документ", "форма представления результата",
    ],
    "status": ["статус", "статус исполнения", "отметка о выполнении"],
    "done_date": ["дата выполнения", "фактическая дата", "дата исполнения"],
    "info": ["информация о проведении", "информация о проведении мероприятия", "информация о выполнении"],
    "link": ["ссылка на документ", "ссылка", "ссылки", "ссылка на документ/информационное сопровождение мероприятия"],
    "note": ["примечание", "примечания", "комментарий"],
    "control": ["контроль срока", "состояние срока"],
    "days_overdue": ["просрочка, дн.", "дней просрочки"],
}

#: Word stems that identify a field when no exact synonym matches, tried in
#: this order (so «информация о проведении мероприятия» is info, not activity).
HEADER_STEMS: list = [
    ("info", ["информац"]),
    ("link", ["ссылк"]),
    ("done_date", ["дата выполн", "фактическ"]),
    ("status", ["статус", "отметка о выполн"]),
    ("note", ["примечан", "комментар"]),
    ("number", ["№", "n/n", "п/п"]),
    ("deadline", ["срок", "дата провед", "период"]),
    ("executor", ["исполнит", "ответствен"]),
    ("result", ["результат", "показател", "итог"]),
    ("activity", ["мероприят", "содержание", "наименование"]),
]

#: Fields a roadmap table must have for us to recognise it.
REQUIRED_FIELDS = ("activity", "deadline")

# ---------------------------------------------------------------------------
# Statuses
# ---------------------------------------------------------------------------
#: Reporting status an activity can have (the «Статус» column, a drop-down list).
STATUS_DONE = "Выполнено"
REPORT_STATUSES = [STATUS_DONE, "В работе", "Не начато", "Не выполнено", "Перенесено", "Отменено"]
#: Synonyms users type instead of the list's words (lower-case).
STATUS_SYNONYMS = {
    "выполнено": STATUS_DONE, "выполнен": STATUS_DONE, "исполнено": STATUS_DONE,
    "да": STATUS_DONE, "+": STATUS_DONE, "готово": STATUS_DONE, "сделано": STATUS_DONE,
    "в работе": "В работе", "в процессе": "В работе", "выполняется": "В работе",
    "не начато": "Не начато", "не выполнено": "Не выполнено", "нет": "Не выполнено",
    "перенесено": "Перенесено", "отменено": "Отменено",
}

#: Deadline control status as of a date (the «Контроль срока» column).
CONTROL_DONE = "Выполнено"
CONTROL_DONE_LATE = "Выполнено с опозданием"
CONTROL_ON_TIME = "В срок"
CONTROL_DUE_SOON = "Скоро срок"
CONTROL_OVERDUE = "Просрочено"
CONTROL_NO_DATE = "Без срока"
CONTROL_STATUSES = [
    CONTROL_DONE, CONTROL_DONE_LATE, CONTROL_ON_TIME, CONTROL_DUE_SOON, CONTROL_OVERDUE, CONTROL_NO_DATE,
]
#: Fill colours (hex RGB) of each control status, used by conditional formatting and the Gantt sheet.
CONTROL_COLOURS = {
    CONTROL_DONE: "C6EFCE",
    CONTROL_DONE_LATE: "E2EFDA",
    CONTROL_ON_TIME: "DDEBF7",
    CONTROL_DUE_SOON: "FFEB9C",
    CONTROL_OVERDUE: "FFC7CE",
    CONTROL_NO_DATE: "EDEDED",
}

# ---------------------------------------------------------------------------
# Letters (the cover letter and the e-mail)
# ---------------------------------------------------------------------------
# Month names in the cases a letter needs; «Deadlines» below reads its own forms.
MONTHS_NOMINATIVE = ["январь", "февраль", "март", "апрель", "май", "июнь",
                     "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
MONTHS_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня",
                   "июля", "августа", "сентября", "октября", "ноября", "декабря"]
MONTHS_PREPOSITIONAL = ["январе", "феврале", "марте", "апреле", "мае", "июне",
                        "июле", "августе", "сентябре", "октябре", "ноябре", "декабре"]
QUARTER_NUMERALS = ["I", "II", "III", "IV"]
#: «во II квартале», «в III квартале»: the preposition a numeral takes.
PREPOSITION_BEFORE_NUMERAL = {"I": "в", "II": "во", "III": "в", "IV": "в"}

#: How a letter names its reporting period. ``wording.period_in_words`` picks the
#: first phrase that fits; change the words here, not in the code.
PERIOD_PHRASES = {
    "year": "в {year} году",
    "half_year": "{prep} {half} полугодии {year} года",
    "quarter": "{prep} {quarter} квартале {year} года",
    "month": "в {month_prepositional} {year} года",
    "months": "в период с {from_genitive} по {to_nominative} {year} года",
    "months_across_years": "в период с {from_genitive} {from_year} года по {to_nominative} {to_year} года",
}

#: Printed where the letter's or the request's number or date is not filled in,
#: so it can be written by hand at registration.
LETTER_BLANK = "________"

#: Values of the setting «SMTP-защита» (lower-case) -> how we connect.
SMTP_SECURITY_SYNONYMS = {
    "starttls": "starttls", "tls": "starttls", "start tls": "starttls",
    "ssl": "ssl", "ssl/tls": "ssl", "smtps": "ssl",
    "нет": "none", "none": "none", "без защиты": "none", "no": "none",
}

# ---------------------------------------------------------------------------
# Deadlines (months in every case, quarters, half-years, connecting words)
# ---------------------------------------------------------------------------
# Filled by the deadline parser's issue; see deadlines.py for the grammar that reads them.
