package com.promptforge.batch.cli;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.NameValueArguments;
import com.promptforge.batch.report.StoredReport;
import com.promptforge.batch.report.StoredReports;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * {@code reports}: what the report store holds, newest first; {@code reports get <key> [to=<dir>]} downloads one and
 * checks its SHA-256; {@code reports link <key> [expires=7d]} prints a presigned download link.
 */
@Component
class ReportsCommand implements CliCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final Pattern EXPIRES = Pattern.compile("(\\d{1,6})([dhms])");
    private static final String USAGE = "reports | reports get <key> [to=<dir>] | reports link <key> [expires=7d]";

    private final StoredReports store;

    ReportsCommand(StoredReports store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "reports";
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out) {
        if (arguments.isEmpty()) {
            return list(out);
        }
        String action = arguments.get(0);
        if ((!action.equals("get") && !action.equals("link")) || arguments.size() < 2
                || arguments.get(1).contains("=")) {
            throw new BadInputException("reports: expected " + USAGE + ", got reports " + String.join(" ", arguments));
        }
        String key = arguments.get(1);
        Map<String, String> options = NameValueArguments.parse(arguments.subList(2, arguments.size()), "reports "
                + action, action.equals("get") ? "to=downloads" : "expires=7d");
        Set<String> accepted = Set.of(action.equals("get") ? "to" : "expires");
        options.keySet().stream().filter(name -> !accepted.contains(name)).findFirst().ifPresent(name -> {
            throw new BadInputException("reports " + action + ": unknown parameter " + name + ": expected "
                    + String.join(", ", accepted));
        });
        if (action.equals("get")) {
            Path copy = store.download(key, Path.of(options.getOrDefault("to", ".")));
            out.println("Downloaded " + key + " from " + store.describe() + " to " + copy + " (SHA-256 checked)");
            return ExitCode.COMPLETED;
        }
        Duration expires = expires(options.getOrDefault("expires", "7d"));
        Optional<String> link = store.link(key, expires);
        if (link.isEmpty()) {
            out.println(store.location(key) + " (links need an object store: PF_REPORTS_STORE=s3://bucket/prefix)");
            return ExitCode.COMPLETED;
        }
        out.println(link.get());
        return ExitCode.COMPLETED;
    }

    private ExitCode list(PrintStream out) {
        List<StoredReport> reports = store.list();
        out.println(reports.size() + (reports.size() == 1 ? " report" : " reports") + " in " + store.describe()
                + ", newest first; times in UTC.");
        if (reports.isEmpty()) {
            return ExitCode.COMPLETED;
        }
        int keyWidth = Math.max(3, reports.stream().mapToInt(report -> report.key().length()).max().orElse(0));
        int periodWidth = Math.max(13, reports.stream().mapToInt(report -> report.period().length()).max().orElse(0));
        String format = "%-19s  %-16s  %-" + periodWidth + "s  %10s  %-64s  %-" + keyWidth + "s%n";
        out.printf(format, "created", "job", "period or org", "size", "sha256", "key");
        for (StoredReport report : reports) {
            out.printf(format, TIME.format(report.created()), report.job(), report.period(), size(report.size()),
                    report.sha256().isEmpty() ? "-" : report.sha256(), report.key());
        }
        return ExitCode.COMPLETED;
    }

    static Duration expires(String value) {
        Matcher matcher = EXPIRES.matcher(value.strip());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new BadInputException("reports link: expires '" + value + "' is not accepted: expected a duration"
                    + " up to 7 days such as 7d, 12h, 30m or 90s");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}
