package com.promptforge.batch.db;

import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ExitCode;
import java.io.PrintStream;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code qa}: the database's own self-tests, printed as a table; exit 1 when any fails. */
@Component
class QaCommand implements CliCommand {

    private final JdbcTemplate jdbc;

    QaCommand(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "qa";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        List<QaResult> results = jdbc.query(
                "select category, test_name, status, details from public.run_all_qa_tests()",
                (row, i) -> new QaResult(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
        int categoryWidth = Math.max(8, results.stream().mapToInt(r -> r.category().length()).max().orElse(0));
        int testWidth = Math.max(4, results.stream().mapToInt(r -> r.testName().length()).max().orElse(0));
        String format = "%-" + categoryWidth + "s  %-" + testWidth + "s  %-6s %s%n";
        out.printf(format, "CATEGORY", "TEST", "STATUS", "DETAILS");
        for (QaResult result : results) {
            out.printf(format, result.category(), result.testName(), result.status(),
                    result.details() == null ? "" : result.details());
        }
        long failed = results.stream().filter(r -> !"PASS".equals(r.status())).count();
        out.printf("%d tests, %d passed, %d failed%n", results.size(), results.size() - failed, failed);
        return failed == 0 ? ExitCode.COMPLETED : ExitCode.FAILED;
    }

    record QaResult(String category, String testName, String status, String details) {
    }
}
