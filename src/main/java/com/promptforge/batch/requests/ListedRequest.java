package com.promptforge.batch.requests;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One request as the {@code requests} command lists it. */
record ListedRequest(UUID id, String orgSlug, LocalDate from, LocalDate to, String status, OffsetDateTime createdAt,
                     OffsetDateTime finishedAt, String reportKey, String error) {
}
