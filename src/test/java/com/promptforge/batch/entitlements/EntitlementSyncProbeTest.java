package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.cli.PromptForgeCli;
import com.promptforge.batch.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which chunks the sync probes (chunk_has_changes.sql) before locking and applying them, counted by
 * pg_stat_statements: a chunk that follows a changing chunk is applied without a probe, one that follows a quiet
 * chunk is probed.
 */
class EntitlementSyncProbeTest {

    private static final int ORGS = 300;
    private static final int CHUNK = 40;
    private static final long CHUNKS = (ORGS + 1 + CHUNK - 1) / CHUNK; // and the seeded demo org

    @TempDir
    Path reports;
    private TestDatabase db;

    @BeforeEach
    void populated() {
        db = TestDatabase.create("probe");
        db.jdbc().execute("create extension if not exists pg_stat_statements");
        SyncFixture.populate(db.jdbc(), ORGS, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void aFirstRunProbesItsFirstChunkOnlyAndAppliesEveryChunk() {
        resetStatistics();

        sync();

        assertThat(calls("-- Whether the chunk")).as("probes").isOne();
        assertThat(calls("-- Locks the chunk's organizations")).as("chunks locked and applied").isEqualTo(CHUNKS);
    }

    @Test
    void aRunWithNothingToChangeProbesEveryChunkAndLocksNone() {
        sync();
        resetStatistics();

        sync();

        assertThat(calls("-- Whether the chunk")).as("probes").isEqualTo(CHUNKS);
        assertThat(calls("-- Locks the chunk's organizations")).as("chunks locked").isZero();
    }

    private void sync() {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.reports-dir", reports.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new PromptForgeCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, properties)
                .run("run", "entitlement-sync", "chunkSize=" + CHUNK);
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    private void resetStatistics() {
        db.jdbc().execute("select pg_stat_statements_reset(0, (select oid from pg_database "
                + "where datname = current_database()), 0)");
    }

    private long calls(String statementStart) {
        return db.jdbc().queryForObject("""
                select coalesce(sum(s.calls), 0) from pg_stat_statements s
                 where s.dbid = (select oid from pg_database where datname = current_database())
                   and s.query like ? || '%'""", Long.class, statementStart);
    }
}
