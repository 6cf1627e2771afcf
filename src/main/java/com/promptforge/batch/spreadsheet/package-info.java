/**
 * The one streaming .xlsx writer every batch job uses: {@link com.promptforge.batch.spreadsheet.SpreadsheetWriter}
 * with typed {@link com.promptforge.batch.spreadsheet.Column}s, safe text (never a formula, no XML-illegal
 * characters, cut at Excel's cell limit), sheets rolled over at Excel's row limit, and an atomic commit. Every
 * sheet prints ({@code PrintLayout}: orientation by width, one page wide, header repeated, footer) with columns
 * fitted to what was written ({@code FittedWidths}), and a workbook opens on its label / value
 * {@link com.promptforge.batch.spreadsheet.SummarySheet}.
 */
package com.promptforge.batch.spreadsheet;
