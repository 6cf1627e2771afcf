package com.promptforge.batch.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The export's reader: it reads on its own thread ahead of the writer, at most its bounded queue ahead, hands the
 * rows over in the queries' order, passes a failure on to the writer, and stops when closed.
 */
@PromptForgeDatabase
class AuditRowReaderTest {

    private static final String NUMBERS = "select n from generate_series(cast(:from as int), cast(:to as int)) n order by n";

    @Test
    void handsOverEveryRowOfTheQueriesInTheirOrder(TestDatabase db) throws Exception {
        List<String> read = new ArrayList<>();
        try (Connection connection = streaming(db); AuditRowReader reader = AuditRowReader.start(connection,
                List.of(numbers(1, 1_234), numbers(5_000, 5_002)), 100)) {
            for (AuditRow row = reader.next(); row != null; row = reader.next()) {
                read.add(((ScoredRun) row).runId());
            }
            assertThat(reader.next()).isNull();
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 1_234; n++) {
            expected.add(String.valueOf(n));
        }
        expected.addAll(List.of("5000", "5001", "5002"));
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void readsAheadOfAWriterThatTakesNothingUpToItsBoundedQueue(TestDatabase db) throws Exception {
        try (Connection connection = streaming(db); AuditRowReader reader = AuditRowReader.start(connection,
                List.of(numbers(1, 100_000)), 1_000)) {
            waitForAFullQueue(reader);
            Thread.sleep(200);
            assertThat(reader.queuedBatches()).isEqualTo(AuditRowReader.QUEUED_BATCHES);
            assertThat(((ScoredRun) reader.next()).runId()).isEqualTo("1");
        }
    }

    @Test
    void aFailingQueryReachesTheWriterAfterTheRowsReadBeforeIt(TestDatabase db) throws Exception {
        AuditRowReader.Query failing = new AuditRowReader.Query("select 1 / (n - 3) from generate_series(1, 5) n",
                new MapSqlParameterSource(), AuditRowReaderTest::run);
        try (Connection connection = streaming(db); AuditRowReader reader = AuditRowReader.start(connection,
                List.of(numbers(1, 2), failing), 1)) {
            assertThat(((ScoredRun) reader.next()).runId()).isEqualTo("1");
            assertThat(((ScoredRun) reader.next()).runId()).isEqualTo("2");
            assertThatThrownBy(reader::next).isInstanceOf(SQLException.class).hasMessageContaining("division by zero");
        }
    }

    @Test
    void closingStopsAReaderBlockedOnAFullQueue(TestDatabase db) throws Exception {
        try (Connection connection = streaming(db)) {
            AuditRowReader reader = AuditRowReader.start(connection, List.of(numbers(1, 1_000_000)), 1_000);
            waitForAFullQueue(reader);
            reader.close();
            assertThat(reader.stopped()).isTrue();
            connection.rollback();
            try (ResultSet one = connection.createStatement().executeQuery("select 1")) {
                assertThat(one.next()).isTrue();
            }
        }
    }

    private static void waitForAFullQueue(AuditRowReader reader) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (reader.queuedBatches() < AuditRowReader.QUEUED_BATCHES && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reader.queuedBatches()).isEqualTo(AuditRowReader.QUEUED_BATCHES);
    }

    private static Connection streaming(TestDatabase db) throws SQLException {
        Connection connection = db.dataSource().getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private static AuditRowReader.Query numbers(int from, int to) {
        return new AuditRowReader.Query(NUMBERS, new MapSqlParameterSource().addValue("from", from).addValue("to", to),
                AuditRowReaderTest::run);
    }

    /** A row as a run whose id is the number read. */
    private static AuditRow run(ResultSet row) throws SQLException {
        return new ScoredRun(row.getString(1), null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, false);
    }
}
