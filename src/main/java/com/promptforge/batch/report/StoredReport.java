package com.promptforge.batch.report;

import java.time.Instant;

/**
 * One report a store holds, as {@code reports} lists it.
 *
 * @param key     its path under the store ({@code usage/usage-report-2026-W48.xlsx})
 * @param job     the job that wrote it, when the store knows
 * @param period  the period it covers, else the organization, when the store knows
 * @param sha256  its SHA-256 as 64 hex digits, when the store knows
 */
public record StoredReport(String key, String job, String period, long size, Instant created, String sha256) {
}
