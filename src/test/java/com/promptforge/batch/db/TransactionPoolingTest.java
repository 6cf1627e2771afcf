package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.job.CliResult;
import com.promptforge.batch.testing.PgBouncer;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A command that holds a run lock or a cursor, pointed at a real PgBouncer on loopback: in transaction mode it is
 * refused at start, found by behaviour (the host is 127.0.0.1, no pooler's name), in session mode it runs.
 */
@PromptForgeDatabase
class TransactionPoolingTest {

    private final TestDatabase db;

    TransactionPoolingTest(TestDatabase db) {
        this.db = db;
    }

    private Map<String, Object> through(PgBouncer bouncer) {
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.db.url", bouncer.jdbcUrl(db.name()));
        return properties;
    }

    @Test
    void aTransactionPoolerIsRefusedInOneLineNamingTheSettingAndWhatToUseInstead() {
        int executions = executions();
        try (PgBouncer bouncer = PgBouncer.start("transaction", db)) {
            CliResult result = CliResult.run(through(bouncer), "run", "entitlement-sync");

            assertThat(result.exit()).as(result.toString()).isEqualTo(3);
            assertThat(result.err().lines()).as(result.toString()).containsExactly("PF_DB_URL (127.0.0.1:"
                    + bouncer.port() + ") goes through a transaction pooler, which runs each transaction on any server "
                    + "session and would lose the jobs' run locks and cursors: use session mode (PgBouncer pool_mode = "
                    + "session; Supabase's session pooler, port 5432 of the same host) or a direct connection");
            assertThat(executions()).as("no execution started").isEqualTo(executions);
        }
    }

    private int executions() {
        return db.jdbc().queryForObject("select count(*) from batch.batch_job_execution", Integer.class);
    }

    @Test
    void sessionModeIsAcceptedAndTheJobRuns() {
        try (PgBouncer bouncer = PgBouncer.start("session", db)) {
            CliResult result = CliResult.run(through(bouncer), "run", "entitlement-sync");

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.out()).contains("entitlement-sync execution").contains("COMPLETED");
        }
    }
}
