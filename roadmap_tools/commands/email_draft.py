"""Письмо по e-mail: форма мониторинга и сопроводительное письмо во вложении.

Делает форму мониторинга отчётного периода (.xlsx), сопроводительное письмо (.docx)
и черновик письма (.eml) с обоими файлами. Outlook открывает .eml как новое письмо,
готовое к отправке; в Thunderbird откройте файл и выберите «Изменить как новое
сообщение» (Ctrl+E). С --send письмо сразу отправляется через SMTP-сервер из
«Настройки». Пароль SMTP в книге не хранится: он берётся из переменной окружения
ROADMAP_SMTP_PASSWORD, а если её нет, спрашивается в терминале.

Пример:
  roadmap-tools email Roadmap.xlsx
  roadmap-tools email Roadmap.xlsx -o отчёт.eml
  ROADMAP_SMTP_PASSWORD=... roadmap-tools email Roadmap.xlsx --send

Без -o черновик пишется рядом с книгой: «ОРГАНИЗАЦИЯ - письмо.eml»; форма и письмо —
«ОРГАНИЗАЦИЯ - форма мониторинга.xlsx» и «ОРГАНИЗАЦИЯ - сопроводительное письмо.docx».
ОРГАНИЗАЦИЯ — параметр «Организация» в «Настройках» (иначе отправитель, название
дорожной карты или имя книги), без знаков, запрещённых в именах файлов Windows.
Код выхода: 0 готово, 1 не заполнены настройки, нет связи с сервером или он
отказал (причина по-русски), 2 ошибка в аргументах.
"""

from __future__ import annotations

import argparse

from roadmap_tools.commands._common import add_output_option, admit_output
from roadmap_tools.safeio import EMAIL

NAME = "email"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", metavar="КНИГА", help="книга дорожной карты (.xlsx или .xlsm)")
    add_output_option(parser, "«ОРГАНИЗАЦИЯ - письмо.eml» рядом с книгой")
    parser.add_argument(
        "--send",
        action="store_true",
        help="отправить письмо через SMTP-сервер из «Настройки» (черновик тоже сохраняется)",
    )


def run(args: argparse.Namespace) -> int:
    from roadmap_tools.reports.email_draft import make_email
    from roadmap_tools.reports.letter import PAGES_COUNTED_BY

    output = admit_output(args.output, (EMAIL,), [args.workbook])
    result = make_email(args.workbook, output=output, send=args.send)
    print(f"Форма мониторинга: {result.form}")
    print(
        f"Сопроводительное письмо: {result.letter} "
        f"(приложение на {result.pages} л., {PAGES_COUNTED_BY[result.pages_counted_by]})"
    )
    print(f"Черновик письма: {result.eml}")
    if result.sent_to:
        print("Письмо отправлено: " + ", ".join(result.sent_to) + ".")
    return 0
