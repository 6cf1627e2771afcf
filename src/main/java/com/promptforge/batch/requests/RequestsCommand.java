package com.promptforge.batch.requests;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.NameValueArguments;
import com.promptforge.batch.job.JobParameterSpec;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code requests [limit=N]}: the latest audit export requests, newest first (id, org, period, status, created,
 * finished, report key or error). {@code requests process}: works the queue once and exits, for a deployment
 * without the scheduler daemon; exit 1 when a request failed.
 */
@Component
class RequestsCommand implements CliCommand {

    static final List<JobParameterSpec> PARAMETERS = List.of(JobParameterSpec.integer("limit", 50, 1, 10_000,
            "How many requests to list, newest first."));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final NamedParameterJdbcTemplate jdbc;
    private final ExportRequestProcessor processor;

    RequestsCommand(DataSource dataSource, ExportRequestProcessor processor) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.processor = processor;
    }

    @Override
    public String name() {
        return "requests";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        if (!arguments.isEmpty() && arguments.get(0).equals("process")) {
            if (arguments.size() > 1) {
                throw new BadInputException("requests process takes no arguments, got " + arguments.get(1));
            }
            ExportRequestProcessor.Round round = processor.processQueue(out::println);
            out.println(round.describe());
            return round.anyFailed() ? ExitCode.FAILED : ExitCode.COMPLETED;
        }
        int limit = limit(arguments);
        List<ListedRequest> requests = ExportRequestQueue.latest(jdbc, limit);
        if (requests.isEmpty()) {
            out.println("No audit export requests.");
            return ExitCode.COMPLETED;
        }
        String format = "%-36s  %-20s  %-23s  %-9s  %-19s  %-19s  %s%n";
        out.printf(format, "ID", "ORG", "PERIOD", "STATUS", "CREATED (UTC)", "FINISHED (UTC)", "REPORT OR ERROR");
        for (ListedRequest request : requests) {
            out.printf(format, request.id(), request.orgSlug(), request.from() + " to " + request.to(),
                    request.status(), time(request.createdAt()), time(request.finishedAt()),
                    request.error() != null ? request.error() : request.reportKey() == null ? "" : request.reportKey());
        }
        return ExitCode.COMPLETED;
    }

    private static int limit(List<String> arguments) {
        Map<String, Object> values = JobParameterSpec.resolve(PARAMETERS,
                NameValueArguments.parse(arguments, "requests", "limit=20"), "requests", "command requests");
        return ((Long) values.get("limit")).intValue();
    }

    private static String time(OffsetDateTime time) {
        return time == null ? "-" : TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
