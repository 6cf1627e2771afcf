package com.promptforge.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * An execution left UNKNOWN (the database was lost while its state was saved) in a step built by
 * {@link ChunkSteps}: {@code restart} marks it FAILED ({@link AbandonedExecutions}) and continues it from its last
 * committed chunk.
 */
@PromptForgeDatabase
class UnknownExecutionRestartTest {

    @Test
    void restartMarksAnUnknownChunkStepExecutionFailedAndContinuesIt(TestDatabase db) {
        TestJobsConfiguration.createTables(db.jdbc());
        db.jdbc().execute("truncate pf_test.items, pf_test.failures, batch.batch_job_instance cascade");
        db.jdbc().update("insert into pf_test.failures (item) values (8)");
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.test-jobs", "true");
        assertThat(CliResult.run(properties, "run", TestJobsConfiguration.COUNT, "items=12").exit()).isEqualTo(1);
        long executionId = db.jdbc().queryForObject("select max(job_execution_id) from batch.batch_job_execution",
                Long.class);
        // What a lost database leaves: the job and its step neither FAILED nor COMPLETED.
        db.jdbc().update("update batch.batch_job_execution set status = 'UNKNOWN' where job_execution_id = ?",
                executionId);
        db.jdbc().update("update batch.batch_step_execution set status = 'UNKNOWN' where job_execution_id = ?",
                executionId);
        db.jdbc().update("delete from pf_test.failures");

        CliResult restart = CliResult.run(properties, "restart", TestJobsConfiguration.COUNT);

        assertThat(restart.exit()).as(restart.toString()).isZero();
        assertThat(restart.out())
                .contains("Note: test-count execution " + executionId + " was left UNKNOWN")
                .contains("Restarting test-count execution " + executionId + " (FAILED, started ")
                .contains("step count: COMPLETED, read 7, written 7");
        assertThat(db.jdbc().queryForList("select item from pf_test.items order by item", Long.class))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
    }
}
