package com.promptforge.batch.job;

import com.promptforge.batch.core.DurationText;
import com.promptforge.batch.core.OneLine;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The summary printed when a run ends: the outcome, one line per step with its counts, then the lines the job
 * contributed.
 *
 * <p><b>Summary convention.</b> A job contributes summary lines by putting entries whose key starts with
 * {@value #PREFIX} into its job or step {@link ExecutionContext} (for example from a writer, a listener or a
 * tasklet): {@code stepExecution.getExecutionContext().putLong("summary.orgs scanned", 1200)}. Each entry is
 * printed as {@code <label>: <value>}, the label being the key without the prefix; job-context entries come first,
 * then each step's. The contexts do not keep insertion order, so a label may start with a number and a space to
 * set its place: {@code "summary.1 orgs scanned"}, {@code "summary.2 orgs changed"} print in that order as
 * {@code orgs scanned: ...}, {@code orgs changed: ...} (the number is not printed); unnumbered labels follow in
 * alphabetical order. Whole numbers are printed with thousands separators. Entries are saved with the context, so a restarted step sees (and may update) its earlier values;
 * values must be serializable like every context entry (strings, numbers, booleans).
 */
public final class RunSummary {

    /** The key prefix of the summary entries in a job or step execution context. */
    public static final String PREFIX = "summary.";

    /**
     * Job context key where {@link JobRunner} keeps the innermost cause of a failed run: the repository stores only
     * the outermost exception's message ("Unable to process chunk"), which does not say what went wrong.
     */
    public static final String FAILURE = "pf.failure";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern EXCEPTION = Pattern.compile("(?:[\\w$]+\\.)+[\\w$]+(?:Exception|Error): (.+)");

    private RunSummary() {
    }

    /** The summary of a finished (or stopped) execution. */
    public static List<String> lines(JobExecution execution) {
        List<String> lines = new ArrayList<>();
        String jobName = execution.getJobInstance().getJobName();
        lines.add(jobName + " execution " + execution.getId() + " " + execution.getStatus() + " in "
                + duration(execution.getStartTime(), execution.getEndTime()));
        for (StepExecution step : execution.getStepExecutions()) {
            lines.add("  step " + step.getStepName() + ": " + step.getStatus() + ", read " + number(step.getReadCount())
                    + ", written " + number(step.getWriteCount()) + ", filtered " + number(step.getFilterCount())
                    + ", skipped " + number(step.getSkipCount()) + ", commits " + number(step.getCommitCount())
                    + ", " + duration(step.getStartTime(), step.getEndTime()));
        }
        entries(execution.getExecutionContext()).forEach((label, value) -> lines.add("  " + label + ": " + value));
        for (StepExecution step : execution.getStepExecutions()) {
            entries(step.getExecutionContext()).forEach((label, value) -> lines.add("  " + label + ": " + value));
        }
        if (execution.getStatus() == BatchStatus.FAILED) {
            lines.add("  failed: " + failure(execution));
            lines.add("  continue from where it stopped with: restart " + jobName);
        } else if (execution.getStatus() == BatchStatus.STOPPED) {
            lines.add("  stopped at a chunk boundary; continue with: restart " + jobName);
        }
        return lines;
    }

    /** The job's summary figures (label, value) in the order {@link #lines} prints them: job context, then steps. */
    public static Map<String, String> figures(JobExecution execution) {
        Map<String, String> figures = new LinkedHashMap<>(entries(execution.getExecutionContext()));
        for (StepExecution step : execution.getStepExecutions()) {
            figures.putAll(entries(step.getExecutionContext()));
        }
        return figures;
    }

    /**
     * Rewrites, in this execution's figures (job and step contexts, in memory: what its summary and notices print),
     * every value that names {@code from} to name {@code to} instead: a report the store refused is where it was kept.
     */
    public static void renameInFigures(JobExecution execution, String from, String to) {
        renameIn(execution.getExecutionContext(), from, to);
        execution.getStepExecutions().forEach(step -> renameIn(step.getExecutionContext(), from, to));
    }

    private static void renameIn(ExecutionContext context, String from, String to) {
        for (Map.Entry<String, Object> entry : context.entrySet()) {
            if (entry.getKey().startsWith(PREFIX) && entry.getValue() instanceof String value && value.contains(from)) {
                context.putString(entry.getKey(), value.replace(from, to));
            }
        }
    }

    /** What went wrong, in one line: the first failure's innermost message, else the exit description. */
    public static String failure(JobExecution execution) {
        // This execution's own failures first: the context may still hold the failure of the execution it restarted.
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (!failures.isEmpty()) {
            return OneLine.rootCause(failures.get(0));
        }
        if (execution.getExecutionContext().containsKey(FAILURE)) {
            return execution.getExecutionContext().getString(FAILURE);
        }
        String description = execution.getExitStatus().getExitDescription();
        if (description == null || description.isBlank()) {
            return execution.getExitStatus().getExitCode();
        }
        // "org.example.SomeException: message" -> "message"
        Matcher exception = EXCEPTION.matcher(OneLine.of(description));
        return exception.matches() ? exception.group(1) : OneLine.of(description);
    }

    private static Map<String, String> entries(ExecutionContext context) {
        Map<Label, String> entries = new TreeMap<>();
        for (Map.Entry<String, Object> entry : context.entrySet()) {
            if (entry.getKey().startsWith(PREFIX)) {
                entries.put(Label.of(entry.getKey().substring(PREFIX.length())), value(entry.getValue()));
            }
        }
        Map<String, String> lines = new LinkedHashMap<>();
        entries.forEach((label, value) -> lines.put(label.text(), value));
        return lines;
    }

    /** A summary label: its optional leading number (its place), then its text. */
    private record Label(long place, String text) implements Comparable<Label> {
        private static final Pattern NUMBERED = Pattern.compile("(\\d{1,9}) +(.+)");

        static Label of(String label) {
            Matcher numbered = NUMBERED.matcher(label);
            return numbered.matches() ? new Label(Long.parseLong(numbered.group(1)), numbered.group(2))
                    : new Label(Long.MAX_VALUE, label);
        }

        @Override
        public int compareTo(Label other) {
            int byPlace = Long.compare(place, other.place);
            return byPlace != 0 ? byPlace : text.compareTo(other.text);
        }
    }

    private static String value(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return number(((Number) value).longValue());
        }
        return String.valueOf(value);
    }

    /** A whole number with thousands separators. */
    public static String number(long value) {
        return String.format("%,d", value);
    }

    /** How long from start to end (to now while running), as {@link DurationText#compact} says it. */
    public static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "0 s";
        }
        return DurationText.compact(Duration.between(start, end == null ? LocalDateTime.now() : end));
    }

    /** A time as the run's lines print it: "2026-12-06 23:42:52", or "-" when there is none. */
    static String time(LocalDateTime time) {
        return time == null ? "-" : TIME.format(time);
    }
}
