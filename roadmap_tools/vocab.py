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
    # no stem: a document's «Месяц проведения» is a deadline, not our helper column
    "months": ["месяцы (для диаграммы)", "месяцы для диаграммы"],
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
    # columns the requests and the curator's review add (see layout.ROW_ID_COLUMN, layout.REVIEW_COLUMNS)
    "row_id": ["код строки"],
    "decision": ["решение куратора"],
    "curator_comment": ["комментарий куратора"],
}

#: Word stems that identify a field when no exact synonym matches, tried in
#: this order (so «информация о проведении мероприятия» is info, not activity).
HEADER_STEMS: list = [
    ("info", ["информац"]),
    ("link", ["ссылк"]),
    ("done_date", ["дата выполн", "фактическ"]),
    ("status", ["статус", "отметк"]),
    ("note", ["примечан", "комментар"]),
    ("number", ["№", "n/n", "п/п"]),
    ("control", ["контроль срок", "состояние срок"]),
    ("days_overdue", ["просроч"]),
    ("start", ["дата начал", "начало"]),
    ("end", ["дата окончан", "окончание"]),
    ("deadline", ["срок", "дата провед", "период", "дата", "когда"]),
    ("executor", ["исполнит", "ответствен", "соисполнит", "кто"]),
    ("result", ["результат", "показател", "итог", "индикатор", "отчетн", "форма отч",
                "форма заверш", "контрольн", "эффект"]),
    ("section", ["раздел", "направлен"]),
    ("activity", ["мероприят", "содержание", "наименование", "действи", "работ", "задач"]),
]

#: Header titles longer than this many words are not matched by stems (a long cell
#: is an activity's text, not a column title), except for their first words.
HEADER_MAX_WORDS = 12

# ---------------------------------------------------------------------------
# Documents: where the roadmap's title, organisation and years are written
# ---------------------------------------------------------------------------
#: A paragraph starting with one of these (lower-case) begins the roadmap's title.
TITLE_STARTS = [
    "дорожная карта", "«дорожная карта»", "\"дорожная карта\"", "план мероприятий", "план-график",
    "план работы", "основные мероприятия", "комплекс мер", "комплекс мероприятий", "перечень мероприятий",
    "мероприятия по", "программа мероприятий", "муниципальная дорожная карта",
]
#: Lines around an order that are not part of a title (lower-case prefixes).
NOT_TITLE_STARTS = [
    "приложение", "утвержден", "утверждена", "утверждён", "утверждено", "к приказу", "к распоряжению",
    "к постановлению", "от ", "№", "согласовано", "начальник", "директор", "заведующ", "заместитель",
    "руководитель", "председатель", "глава",
]
#: Kinds of order a roadmap is approved by (the paragraph that follows the organisation's name).
ORDER_WORDS = ["приказ", "распоряжение", "постановление", "решение"]
#: Lines of an order's heading that name the country or the region, not the organisation
#: (lower-case words; a heading line holding one of them is left out).
HEADING_REGION_WORDS = [
    "российская федерация", "область", "край", "республика", "автономный округ", "автономная область",
]
#: Words that begin the name of an organisation (lower-case).
ORGANISATION_STARTS = [
    "управление", "отдел", "комитет", "департамент", "министерство", "администрация", "муниципальное",
    "муниципальный", "мку", "мбу", "мау", "мбоу", "мкоу", "маоу", "моу", "центр", "информационно-методический",
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

# ---------------------------------------------------------------------------
# Check rules
# ---------------------------------------------------------------------------
#: What each rule of «Проверить» is called on the sheet «Проверка» (its code stays in a
#: hidden column, for filters and scripts). One name per code of ``checks.RULES``.
RULE_NAMES = {
    "missing_activity": "Нет мероприятия",
    "missing_deadline": "Нет срока",
    "missing_executor": "Нет исполнителя",
    "missing_result": "Нет ожидаемого результата",
    "no_executors": "Исполнители не заполнены",
    "no_results": "Результаты не заполнены",
    "bad_deadline": "Срок не распознан",
    "deadline_outside_years": "Срок за годами дорожной карты",
    "deadline_far_outside_years": "Срок далеко за годами дорожной карты",
    "start_after_end": "Начало позже окончания",
    "no_numbering": "Нет нумерации",
    "unnumbered": "Нет номера",
    "duplicate_number": "Номер повторяется",
    "numbering_gap": "Пропуск в нумерации",
    "numbering_order": "Порядок нумерации",
    "mixed_numbering": "Номер записан иначе",
    "bad_number": "Номер не похож на номер пункта",
    "number_section_mismatch": "Номер не из своего раздела",
    "duplicate_activity": "Повтор мероприятия",
    "duplicate_in_other_section": "Повтор мероприятия",
    "near_duplicate_activity": "Возможный повтор мероприятия",
    "bad_status": "Статус не из списка",
    "status_synonym": "Статус не по списку",
    "done_without_evidence": "Выполнено без информации и ссылки",
    "done_without_info": "Выполнено без информации",
    "done_without_link": "Выполнено без ссылки",
    "done_date_future": "Дата выполнения в будущем",
    "done_date_before_start": "Дата выполнения до начала",
    "bad_done_date": "Дата выполнения не распознана",
    "done_date_without_done": "Дата без статуса «Выполнено»",
    "cell_error": "Ошибка формулы",
    "bad_link": "Не ссылка",
    "info_without_date": "Информация без даты",
    "returned_for_rework": "На доработку у куратора",
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

#: Month stems (regular expressions) that recognise a date written in words in free text,
#: «15 марта 2022», «в апреле 2023 г.»: the check of «Информация о проведении».
MONTH_STEMS = ("январ", "феврал", "март", "апрел", "ма[йяе]", "июн", "июл", "август", "сентябр", "октябр",
               "ноябр", "декабр")

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

#: How the e-mail's subject names the period, short: «за II квартал 2022 г.».
PERIOD_SHORT_PHRASES = {
    "year": "за {year} г.",
    "half_year": "за {half} полугодие {year} г.",
    "quarter": "за {quarter} квартал {year} г.",
    "month": "за {month} {year} г.",
    "months": "за {from_month}–{to_month} {year} г.",
    "months_across_years": "за {from_month} {from_year} г. – {to_month} {to_year} г.",
}
#: The e-mail's subject: what, for which period, from whom. The roadmap's title goes in
#: only when it is short (at most ``SUBJECT_TITLE_MAX`` characters); the body has it whole.
SUBJECT_PHRASE = "Мониторинг {about} {period} — {sender}"
SUBJECT_PHRASE_NO_SENDER = "Мониторинг {about} {period}"
SUBJECT_ABOUT = "дорожной карты"
SUBJECT_ABOUT_TITLED = "дорожной карты «{title}»"
SUBJECT_TITLE_MAX = 40

#: What we write next to a roadmap workbook: «<организация> - <words><extension>»
#: (filenames.output_path).
OUTPUT_FILE_NAMES = {
    "form": ("форма мониторинга", ".xlsx"),
    "letter": ("сопроводительное письмо", ".docx"),
    "email": ("письмо", ".eml"),
}
#: A file's name when neither the organisation, nor the title, nor the workbook names it.
FILE_NAME_FALLBACK = "Дорожная карта"

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
#
# Every entry is written as a person writes it; the parser normalises entries the
# same way it normalises a cell (lower case, «ё» -> «е», dots dropped, letters split
# from digits), so «г.» and «г» are one entry. Multi-word entries match word by word.

#: Month number -> the month's forms: every grammatical case and the usual abbreviations.
MONTH_FORMS: dict = {
    1: ["январь", "января", "январю", "январём", "январе", "янв."],
    2: ["февраль", "февраля", "февралю", "февралём", "феврале", "фев.", "февр."],
    3: ["март", "марта", "марту", "мартом", "марте", "мар."],
    4: ["апрель", "апреля", "апрелю", "апрелем", "апреле", "апр."],
    5: ["май", "мая", "маю", "маем", "мае"],
    6: ["июнь", "июня", "июню", "июнем", "июне", "июн."],
    7: ["июль", "июля", "июлю", "июлем", "июле", "июл."],
    8: ["август", "августа", "августу", "августом", "августе", "авг."],
    9: ["сентябрь", "сентября", "сентябрю", "сентябрём", "сентябре", "сен.", "сент."],
    10: ["октябрь", "октября", "октябрю", "октябрём", "октябре", "окт."],
    11: ["ноябрь", "ноября", "ноябрю", "ноябрём", "ноябре", "ноя.", "нояб."],
    12: ["декабрь", "декабря", "декабрю", "декабрём", "декабре", "дек."],
}

#: Seasons -> (first month, last month); winter runs from December into the next year.
SEASON_MONTHS: dict = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
SEASON_FORMS: dict = {
    "spring": ["весна", "весны", "весне", "весну", "весной", "весеннего периода", "весенний период"],
    "summer": ["лето", "лета", "лету", "летом", "летнего периода", "летний период", "летние каникулы",
               "летних каникул"],
    "autumn": ["осень", "осени", "осенью", "осеннего периода", "осенний период"],
    "winter": ["зима", "зимы", "зиме", "зиму", "зимой", "зимнего периода", "зимний период"],
}

#: Numbers written as words or roman numerals, for quarters and half-years
#: («II квартал», «первое полугодие», «в третьем квартале»).
ORDINAL_WORDS: dict = {
    1: ["i", "первый", "первое", "первого", "первому", "первом", "первым", "первая", "первые"],
    2: ["ii", "второй", "второе", "второго", "второму", "втором", "вторым", "вторая", "вторые"],
    3: ["iii", "третий", "третье", "третьего", "третьему", "третьем", "третьим", "третья"],
    4: ["iv", "четвертый", "четвертое", "четвертого", "четвертому", "четвертом", "четвертым"],
}
#: Endings written after a number with a dash: «1-й квартал», «2-е полугодие», «2022-го года».
ORDINAL_SUFFIXES: list = ["й", "ый", "ий", "е", "ое", "ее", "го", "ого", "ом", "м", "я", "ая"]

QUARTER_WORDS: list = ["квартал", "квартала", "кварталу", "кварталом", "квартале", "кварталы",
                       "кварталов", "кварталам", "кварталах", "кв.", "кв-л", "кв-л."]
HALF_YEAR_WORDS: list = ["полугодие", "полугодия", "полугодию", "полугодием", "полугодии",
                         "полугодий", "полугодиям", "полугодиях", "полугодье", "полугодья"]
YEAR_WORDS: list = ["г.", "гг.", "год", "года", "году", "годом", "годе", "годы", "годов",
                    "годам", "годах"]
#: «2023-2024 учебный год»: 1 September to 31 August.
ACADEMIC_YEAR_WORDS: list = ["учебный год", "учебного года", "учебному году", "учебном году",
                             "учебным годом", "учебные годы", "учебных годов", "учебных годах",
                             "уч. год", "уч. года", "уч. году", "уч.г.", "уч. г."]
ACADEMIC_YEAR_START = (9, 1)   # (month, day) the academic year starts
ACADEMIC_YEAR_END = (8, 31)    # (month, day) it ends, in the next calendar year
#: «1 полугодие 2022-2023 учебного года»: half -> (first day, last day), each as
#: (month, day, years after the academic year's first year). The second half ends with the
#: school year in May.
ACADEMIC_HALVES: dict = {1: ((9, 1, 0), (12, 31, 0)), 2: ((1, 1, 1), (5, 31, 1))}
#: «до 5 числа»: the word after a day of the month.
DAY_WORDS: list = ["число", "числа", "числу", "числе"]

#: A due date: the end of the span is the date («до 1 марта», «не позднее …»).
#: After these, a month, quarter or year means its FIRST day («до марта» = by 1 March).
DUE_BY_START: list = ["до", "к", "в срок до", "срок до", "сроком до", "в срок к", "к началу",
                      "до начала"]
#: After these, a month, quarter or year means its LAST day («не позднее марта» = by 31 March).
DUE_BY_END: list = ["не позднее", "не позже", "в срок не позднее", "не позднее чем", "до конца",
                    "к концу", "в срок до конца", "не позднее конца", "до окончания",
                    "в конце", "конец"]
#: «с … по …», «с … до …»: the start and the end of one span.
RANGE_FROM: list = ["с", "со", "начиная с", "от"]
RANGE_TO: list = ["по"]
#: A list of separate spans: «май, ноябрь», «май и ноябрь».
LIST_SEPARATORS: list = [",", ";", "и", "а также"]

#: «В течение 2022 года»: the whole span, continuously.
CONTINUOUS_MARKERS: list = ["в течение", "в течении", "на протяжении", "в ходе"]
#: The whole period of the roadmap: all its years.
WHOLE_PERIOD_MARKERS: list = ["постоянно", "в течение всего периода", "в течении всего периода",
                              "весь период", "на протяжении всего периода",
                              "в течение всего срока", "в течение всего периода реализации",
                              "в период реализации", "в течение периода реализации",
                              "на весь период", "весь период реализации", "постоянно действующий",
                              "ежедневно", "систематически", "регулярно", "в течение периода",
                              "в течение срока реализации", "в течение всего срока реализации",
                              "на период реализации", "на протяжении срока реализации"]
#: Recurring: frequency -> markers. One span per occurrence within the roadmap's years.
RECURRING_MARKERS: dict = {
    "year": ["ежегодно", "ежегодный", "ежегодная", "ежегодное", "каждый год", "каждого года", "1 раз в год",
             "один раз в год", "раз в год", "не реже 1 раза в год", "не реже одного раза в год"],
    "half": ["раз в полугодие", "1 раз в полугодие", "один раз в полугодие", "раз в полгода",
             "1 раз в полгода", "2 раза в год", "два раза в год", "каждое полугодие",
             "не реже 1 раза в полугодие", "не реже одного раза в полугодие", "раз в полугодия"],
    "quarter": ["ежеквартально", "ежеквартальный", "каждый квартал", "каждого квартала", "1 раз в квартал",
                "один раз в квартал", "раз в квартал", "не реже 1 раза в квартал",
                "не реже одного раза в квартал"],
    "month": ["ежемесячно", "ежемесячный", "каждый месяц", "каждого месяца",
              "1 раз в месяц", "один раз в месяц",
              "раз в месяц", "не реже 1 раза в месяц", "не реже одного раза в месяц"],
    "week": ["еженедельно", "еженедельный", "каждую неделю", "1 раз в неделю",
             "один раз в неделю", "раз в неделю"],
}
#: No date of its own: when the need arises, or by another plan.
ON_DEMAND_MARKERS: list = ["по мере необходимости", "при необходимости", "по необходимости",
                           "в соответствии с планом", "в соответствии с графиком",
                           "согласно плану", "согласно графику", "по плану", "по графику",
                           "по отдельному плану", "по отдельному графику", "по запросу",
                           "по запросам", "по требованию", "по мере поступления",
                           "по согласованию", "по мере обращения", "по мере обращений",
                           "в соответствии с планом работы", "по мере готовности",
                           "в соответствии со сроками", "в установленные сроки",
                           # the general openings: «в соответствии с приказом …», «по мере набора групп»
                           "в соответствии с", "в соответствии со", "согласно", "по мере",
                           "в сроки, установленные", "в сроки установленные"]
#: Words that count a term from an event, not a date: such a phrase is unparsed, with a reason.
RELATIVE_MARKERS: list = ["после", "со дня", "с момента", "с даты", "по окончании", "по итогам",
                          "по завершении", "следующего за"]
#: Words that carry no date and are skipped («в марте 2022 года», «на 2022 год»).
DEADLINE_SKIP_WORDS: list = ["в", "во", "на", "включительно", "срок", "сроки", "период",
                             "месяц", "месяца", "мес.", "проекта", "программы", "дорожной карты",
                             "реализации"]

#: «ежеквартально до 5 числа месяца, следующего за отчетным»: the day falls in the month
#: after each period (the report on it), not in the period itself.
AFTER_REPORTING_PERIOD: list = ["следующего за отчетным", "следующего за отчетным периодом",
                                "следующего за отчетным месяцем", "следующего за отчетным кварталом",
                                "следующего за отчетным полугодием", "следующего за отчетным годом",
                                "после отчетного периода", "после отчетного месяца",
                                "после отчетного квартала"]
#: «сентябрь текущего года»: the current year is the roadmap's first one, as with no year.
CURRENT_YEAR_WORDS: list = ["текущего", "текущий", "текущем", "текущему", "текущая", "текущей"]
#: Days of the week of a weekly event («еженедельно (по пятницам)»): read as «each week».
WEEKDAY_WORDS: list = ["по понедельникам", "по вторникам", "по средам", "по четвергам",
                       "по пятницам", "по субботам", "по воскресеньям"]
#: A cell that says there is no deadline: ``missing``, like an empty one or a dash.
DEADLINE_MISSING_WORDS: list = ["нет", "не указан", "не указано", "не установлен", "не установлено",
                                "не определен", "не определено", "отсутствует", "б/с", "без срока"]

#: How the kinds of deadline are shown to a user.
DEADLINE_KIND_TITLES: dict = {
    "period": "период",
    "deadline": "крайний срок",
    "milestones": "несколько сроков",
    "recurring": "повторяется",
    "continuous": "постоянно",
    "on_demand": "по необходимости",
    "missing": "не указан",
    "unparsed": "не распознан",
}

# ---------------------------------------------------------------------------
# Reports (regional consolidation of monitoring reports, see consolidate.py)
# ---------------------------------------------------------------------------
#: What a municipality writes in the information cell when nothing was done: such a
#: cell counts as empty (compared lower-case, spaces folded, end punctuation dropped).
NO_INFO_WORDS = [
    "-", "—", "–", "--", "нет", "не проводилось", "не проводились", "не проведено", "не проводилась",
    "не выполнено", "не выполнялось", "не реализовано", "отсутствует", "отсутствуют", "нет данных",
    "н/д", "x", "х", "не запланировано", "не планировалось", "0",
]

#: An information cell that begins with one of these (lower-case, «ё» as «е», after an
#: optional word of ``NOT_DONE_SUBJECTS``) says the activity was not done: «не проводилось
#: в связи с карантином», «мероприятие перенесено на IV квартал». It counts as empty.
NOT_DONE_STARTS = [
    "не проводил", "не проведен", "не состоял", "не выполн", "не реализ", "не организ",
    "не осуществл", "перенесен", "отменен", "не запланирован", "не планировал",
]
NOT_DONE_SUBJECTS = ["мероприятие", "мероприятия", "данное мероприятие", "в отчетном периоде"]

#: Top-level domains of an address written without «http://» that still counts as a link
#: when it has a path: «uo-kushva.ru/docs/prikaz.pdf», «www.school.ru/news/12», «vk.com/wall-1_2».
#: A bare site («www.school.ru») is not evidence of anything and does not count.
LINK_DOMAINS = ["ru", "рф", "su", "com", "org", "net", "info", "рус", "online", "site", "edu", "pro", "me",
                "io", "ucoz.ru", "ucoz.net"]

#: Words that introduce a municipality's name in a form's title or a letter's sender
#: block, longest first, with the grammatical case of the name that follows:
#: «города Кузнецка» (genitive) -> «Кузнецк»; «ГО Карпинск» (nominative) stays.
MUNICIPALITY_MARKERS = [
    ("городского округа город", "nom"), ("городской округ город", "nom"),
    ("городского округа", "nom"), ("городской округ", "nom"), ("го", "nom"),
    ("муниципального образования", "nom"), ("мо", "nom"),
    ("города", "gen"), ("город", "nom"), ("гор.", "nom"), ("г.", "nom"), ("г", "nom"),
]
#: Words after an adjective that name a district: «Сердобского района» -> «Сердобский район».
DISTRICT_WORDS = {
    "района": "район", "район": "район", "районе": "район",
    "муниципального района": "район", "муниципальный район": "район", "муниципальном районе": "район",
    "муниципального округа": "муниципальный округ", "муниципальный округ": "муниципальный округ",
    "муниципальном округе": "муниципальный округ",
    # «Кушвинского городского округа»: the adjective names it, the city is not written
    "городского округа": "городской округ", "городской округ": "городской округ",
    "городском округе": "городской округ",
}
#: Words of file names that are not the municipality's name («отчет_Кузнецк_2023.xlsx»).
REPORT_FILE_WORDS = [
    "отчет", "отчёт", "мониторинг", "мониторинга", "форма", "дорожная", "дорожной", "карта", "карты",
    "дк", "за", "год", "года", "квартал", "полугодие", "период", "информация", "исполнение",
    "исполнения", "мероприятий", "план", "график", "приложение", "рои", "500", "итог", "итоги",
    "report", "form", "копия", "final", "new", "версия",
]
#: Words of the paragraph that titles a report in a Word document.
REPORT_TITLE_WORDS = ["мониторинг", "отчет", "отчёт", "информация о", "исполнени"]
#: Words that open a sender block in a cover letter (the sender's requisites).
SENDER_WORDS = ["управление образования", "отдел образования", "комитет", "администрация",
                "департамент", "управление", "отдел", "министерство", "методический центр"]


# ---------------------------------------------------------------------------
# The curator's review (the region) and the requests to executors
# ---------------------------------------------------------------------------
#: Decisions a curator gives a report row (the drop-down «Решение» of the summary).
DECISION_APPROVED = "ОДОБРЕНО"
DECISION_REWORK = "На доработку"
DECISIONS = (DECISION_APPROVED, DECISION_REWORK)
#: Other spellings a curator may type, folded to lower case -> the decision.
DECISION_SYNONYMS = {
    "одобрено": DECISION_APPROVED, "одобрен": DECISION_APPROVED, "принято": DECISION_APPROVED,
    "согласовано": DECISION_APPROVED,
    "на доработку": DECISION_REWORK, "на доработке": DECISION_REWORK, "доработать": DECISION_REWORK,
    "вернуть на доработку": DECISION_REWORK, "возвращено на доработку": DECISION_REWORK,
}
#: Header of an executor's e-mail next to the executors of «Справочники».
EXECUTOR_EMAIL_HEADER = "E-mail исполнителя"
#: Words that join executors in one cell («МЦ, в т.ч. школы»), not part of a name (lower case).
EXECUTOR_JOINERS = ("в т.ч.", "в т. ч.", "в том числе", "и", "совместно с", "с участием")

# ---------------------------------------------------------------------------
# Inflection (morphology.py) where the dictionary is wrong for a name
# ---------------------------------------------------------------------------
#: (word lower-case with «е» for «ё», case) -> the word in that case. pymorphy3 inflects
#: every other name; add a line here when it gets one wrong. Cases: «nomn» (a place's
#: name in the nominative), «gent», «datv».
INFLECTION_EXCEPTIONS: dict = {
}
