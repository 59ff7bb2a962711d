Attribute VB_Name = "RoadmapRibbon"
' Callbacks of the ribbon tab of the roadmap workbook (customUI/customUI14.xml).
' GENERATED from roadmap_tools/xlsm/buttons.py by roadmap_tools.xlsm.ribbon: edit the buttons there.
' Each button runs one function of roadmap_tools.excel through xlwings RunPython;
' xlwings shows a Python error in a message box.
Option Explicit

Public Sub OnImportFromWord(control As IRibbonControl)
    Dim chosen As Variant
    chosen = Application.GetOpenFilename(U("\u0414\u043E\u0440\u043E\u0436\u043D\u0430\u044F \u043A\u0430\u0440\u0442\u0430 (*.docx;*.doc;*.pdf;*.rtf;*.odt;*.xlsx;*.xlsm),*.docx;*.doc;*.pdf;*.rtf;*.odt;*.xlsx;*.xlsm,\u0412\u0441\u0435 \u0444\u0430\u0439\u043B\u044B (*.*),*.*"), 1, U("\u0412\u044B\u0431\u0435\u0440\u0438\u0442\u0435 \u0434\u043E\u0440\u043E\u0436\u043D\u0443\u044E \u043A\u0430\u0440\u0442\u0443: Word (.docx, .doc), PDF, RTF, ODT \u0438\u043B\u0438 Excel"))
    If VarType(chosen) = vbBoolean Then Exit Sub ' cancelled: do nothing
    On Error GoTo NoSetting
    ThisWorkbook.Names("rt_import_file").RefersToRange.Value = CStr(chosen)
    On Error GoTo 0
    RunPython "import roadmap_tools.excel as rt; rt.import_from_word()"
    Exit Sub
NoSetting:
    MsgBox U("\u0412 \u043A\u043D\u0438\u0433\u0435 \u043D\u0435\u0442 \u043F\u0430\u0440\u0430\u043C\u0435\u0442\u0440\u0430 \u00AB\u0424\u0430\u0439\u043B \u0434\u043B\u044F \u0438\u043C\u043F\u043E\u0440\u0442\u0430\u00BB \u043D\u0430 \u043B\u0438\u0441\u0442\u0435 \u00AB\u041D\u0430\u0441\u0442\u0440\u043E\u0439\u043A\u0438\u00BB (\u0438\u043C\u044F rt_import_file). \u041F\u0435\u0440\u0435\u0441\u043E\u0437\u0434\u0430\u0439\u0442\u0435 \u043A\u043D\u0438\u0433\u0443 \u043A\u043E\u043C\u0430\u043D\u0434\u043E\u0439 roadmap-tools build-workbook."), vbExclamation, U("\u0414\u043E\u0440\u043E\u0436\u043D\u0430\u044F \u043A\u0430\u0440\u0442\u0430")
End Sub

Public Sub OnExportToWord(control As IRibbonControl)
    RunPython "import roadmap_tools.excel as rt; rt.export_to_word()"
End Sub

Public Sub OnCheckEntries(control As IRibbonControl)
    RunPython "import roadmap_tools.excel as rt; rt.check_entries()"
End Sub

Public Sub OnFlagOverdue(control As IRibbonControl)
    RunPython "import roadmap_tools.excel as rt; rt.flag_overdue()"
End Sub

Public Sub OnMonitoringForm(control As IRibbonControl)
    RunPython "import roadmap_tools.excel as rt; rt.monitoring_form()"
End Sub

Public Sub OnCoverLetter(control As IRibbonControl)
    RunPython "import roadmap_tools.excel as rt; rt.cover_letter()"
End Sub

Public Sub OnEmailDraft(control As IRibbonControl)
    RunPython "import roadmap_tools.excel as rt; rt.email_draft()"
End Sub

Public Sub OnRequests(control As IRibbonControl)
    RunPython "import roadmap_tools.excel as rt; rt.requests_to_executors()"
End Sub

Public Sub OnCollect(control As IRibbonControl)
    RunPython "import roadmap_tools.excel as rt; rt.collect_answers()"
End Sub

Public Sub OnCuratorFeedback(control As IRibbonControl)
    RunPython "import roadmap_tools.excel as rt; rt.curator_feedback()"
End Sub

Private Function U(ByVal text As String) As String
    ' Decodes \uXXXX escapes: keeps this module ASCII while showing Russian text.
    ' The hex digits are summed by hand: no string-to-number conversion, whose
    ' accepted forms differ between Windows VBA and other Basics.
    Dim i As Long, k As Long, code As Long, result As String
    i = 1
    Do While i <= Len(text)
        If Mid$(text, i, 2) = "\u" And i + 5 <= Len(text) Then
            code = 0
            For k = 2 To 5
                code = code * 16 + InStr(1, "0123456789ABCDEF", UCase$(Mid$(text, i + k, 1))) - 1
            Next k
            result = result & ChrW$(code)
            i = i + 6
        Else
            result = result & Mid$(text, i, 1)
            i = i + 1
        End If
    Loop
    U = result
End Function
