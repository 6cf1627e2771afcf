package com.promptforge.batch.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** What the reports command and retention see of the configured store: list, fetch, link, age out. */
public interface StoredReports {

    /** The store, for messages: where it is, never credentials. */
    String describe();

    /**
     * Where the report {@code key} is, for a reader: its path, or its {@code s3://} location.
     *
     * @throws ReportStoreException when the store holds no such report
     */
    String location(String key);

    /** Every report (not the sidecars), newest first. */
    List<StoredReport> list();

    /**
     * Copies the report {@code key} into {@code folder} and checks it against its SHA-256.
     *
     * @return the copy
     * @throws ReportStoreException when the store holds no such report, or the copy does not match
     */
    Path download(String key, Path folder);

    /** A link that downloads {@code key} for {@code validFor}; empty when the store cannot make links. */
    Optional<String> link(String key, Duration validFor);

    /**
     * Deletes the reports (and their sidecars) created before {@code cutoff} whose key {@code ours} accepts (what the
     * jobs wrote; anything else in the folder or bucket is left alone), a line per report saying {@code why};
     * returns where each was (its path, or its key in a bucket).
     */
    List<String> deleteOlderThan(Instant cutoff, Predicate<String> ours, String why, Consumer<String> output);

    /** How the deletion lines give a time. */
    java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);
}
