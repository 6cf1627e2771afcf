/**
 * The one streaming .xlsx writer every batch job uses: {@link com.promptforge.batch.spreadsheet.SpreadsheetWriter}
 * with typed {@link com.promptforge.batch.spreadsheet.Column}s, safe text (never a formula, no XML-illegal
 * characters, cut at Excel's cell limit), sheets rolled over at Excel's row limit, and an atomic commit.
 */
package com.promptforge.batch.spreadsheet;
