"""Сопроводительное письмо к форме мониторинга (Word, .docx) по данным листа «Настройки».

Бланк письма: реквизиты отправителя, дата и исходящий номер, «на № … от …»,
адресат, текст со ссылкой на письмо-запрос и отчётным периодом словами («в период
с февраля по май 2023 года»), «Приложение: на N л. в 1 экз.», подписант, исполнитель
и телефон. Число листов приложения: «Приложение: листов» из «Настройки», иначе
форма мониторинга периода печатается LibreOffice и листы считаются (без LibreOffice —
оценка по строкам). Шаблон: templates/cover_letter.docx.

Пример:
  roadmap-tools letter Roadmap.xlsx
  roadmap-tools letter Roadmap.xlsx -o "Письмо в ИРР.docx"

Без -o письмо пишется рядом с книгой: «ОРГАНИЗАЦИЯ - сопроводительное письмо.docx».
ОРГАНИЗАЦИЯ — параметр «Организация» в «Настройках» (иначе отправитель, название
дорожной карты или имя книги), без знаков, запрещённых в именах файлов Windows.
Код выхода: 0 готово, 1 не заполнены настройки или книга не читается (причина по-русски).
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import add_output_option, admit_output, writing
from roadmap_tools.safeio import DOCUMENT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", metavar="КНИГА", help="книга дорожной карты (.xlsx или .xlsm)")
    add_output_option(parser, "«ОРГАНИЗАЦИЯ - сопроводительное письмо.docx» рядом с книгой")


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.reports.letter import PAGES_COUNTED_BY, default_letter_path, prepare_letter, render_letter

    output = admit_output(args.output, (DOCUMENT,), [args.workbook])
    with writing([output]):
        job = prepare_letter(args.workbook)
        written = render_letter(job.context, output or default_letter_path(job.roadmap_path, job.settings, job.title))
    print(f"Сопроводительное письмо: {written}")
    print(f"Отчётный период: {job.context['period_words']}.")
    print(f"Приложение: на {job.pages} л. ({PAGES_COUNTED_BY[job.pages_counted_by]}).")
    return 0
