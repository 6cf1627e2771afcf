package com.promptforge.batch.demo;

import com.promptforge.batch.db.SqlResources;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * pg_stat_statements for the demo: the embedded server preloads it ({@code shared_preload_libraries}), and this
 * creates the extension in the demo's database, so that a newcomer sees the usage report's Query performance sheet
 * filled. A database given by PF_DB_URL is left as it is: the report says there how to enable it.
 */
final class StatementStatistics {

    private StatementStatistics() {
    }

    static void enable(JdbcTemplate jdbc) {
        for (String statement : SqlResources.script(StatementStatistics.class, "statement_statistics_enable.sql",
                Map.of())) {
            jdbc.execute(statement);
        }
    }
}
