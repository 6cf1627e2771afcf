/**
 * The one streaming .xlsx writer every batch job uses, written by POI SXSSF (charts) or fastexcel (no charts, about
 * twice as fast: the audit export), behind the same API: {@link com.promptforge.batch.spreadsheet.SpreadsheetWriter}
 * with typed {@link com.promptforge.batch.spreadsheet.Column}s, safe text (never a formula, no XML-illegal
 * characters, cut at Excel's cell limit) and sheets rolled over at Excel's row limit, written to the file it is given (a
 * report's staging file: {@code com.promptforge.batch.report} commits it atomically). Every
 * sheet prints ({@code PrintLayout}: orientation by width, one page wide, header repeated, footer) with columns
 * fitted to what was written ({@code FittedWidths}), and a workbook opens on its label / value
 * {@link com.promptforge.batch.spreadsheet.SummarySheet}.
 */
package com.promptforge.batch.spreadsheet;
