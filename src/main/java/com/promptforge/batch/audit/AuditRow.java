package com.promptforge.batch.audit;

/** A row of the export as read: a scored run or a bundle. */
sealed interface AuditRow permits ScoredRun, AuditedBundle {
}
