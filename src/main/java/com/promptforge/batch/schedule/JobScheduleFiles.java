package com.promptforge.batch.schedule;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.OneLine;
import com.promptforge.batch.job.JobCatalog;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobsProperties;
import com.promptforge.batch.notify.NotifyChannel;
import com.promptforge.batch.notify.NotifyRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.quartz.CronExpression;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads the schedules: one {@code <job>.yml} per job in the folder PF_JOBS_DIR names ({@code pf.jobs.dir}), else
 * in {@code ./jobs} when that folder exists, else the defaults the jar carries ({@code classpath:jobs/*.yml}). The
 * chosen folder replaces the defaults entirely: a job without a file there is not scheduled.
 *
 * <p>Parsing is strict; the first problem stops start-up with one line naming the file, the field and the
 * reason (exit 2): not YAML, an unknown or missing field, a wrong type, an unknown job or one that does not match
 * the file name, an invalid or never-firing cron, an unknown time zone, a bad misfire value, a bad parameter.
 * <pre>
 * job: entitlement-sync        # required; the file must be named after it
 * cron: "0 0 2 * * ?"          # required; Quartz: second minute hour day-of-month month day-of-week [year]
 * zone: UTC                    # IANA time zone of the cron; default UTC
 * enabled: true                # false: not scheduled (a run by hand still works); default true
 * misfire: fire-once           # fire-once | skip: what a firing missed while no scheduler ran does; default fire-once
 * parameters: {}               # the job's parameters for scheduled runs, over its defaults; default none
 * notify:                      # whom every execution (scheduled or run) tells how it ended; default nobody
 *   - email: ops@example.com
 *   - webhook: https://hooks.slack.com/services/...
 * on: [completed, failed]      # which outcomes notify; default both
 * </pre>
 */
@Component
public class JobScheduleFiles {

    static final List<String> FIELDS = List.of("job", "cron", "zone", "enabled", "misfire", "parameters", "notify",
            "on");

    private final JobCatalog catalog;
    private final String configuredDir;

    public JobScheduleFiles(JobCatalog catalog, JobsProperties properties) {
        this.catalog = catalog;
        this.configuredDir = properties.dir();
    }

    /** Where the schedules come from, for messages. */
    public String source() {
        Path dir = folder();
        if (dir == null) {
            return "the defaults in the jar (classpath:jobs/)";
        }
        return configuredDir != null && !configuredDir.isBlank() ? dir + " (PF_JOBS_DIR)" : "jobs/ in "
                + Path.of("").toAbsolutePath();
    }

    /** Every schedule, sorted by job name; throws {@link BadInputException} on the first bad file. */
    public List<JobSchedule> load() {
        Map<String, JobSchedule> byJob = new TreeMap<>();
        for (ScheduleFile file : files()) {
            JobSchedule schedule = parse(file.name(), file.origin(), file.content());
            JobSchedule earlier = byJob.putIfAbsent(schedule.job(), schedule);
            if (earlier != null) {
                throw new BadInputException(file.origin() + ": field job: " + schedule.job()
                        + " is already scheduled by " + earlier.origin());
            }
        }
        return List.copyOf(byJob.values());
    }

    /** Parses one file; {@code fileName} is its bare name, {@code origin} how messages name it. */
    JobSchedule parse(String fileName, String origin, String content) {
        Object document;
        try {
            document = yaml().load(content);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new BadInputException(origin + ": not valid YAML: " + e.getProblem()
                    + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)));
        } catch (YAMLException e) {
            throw new BadInputException(origin + ": not valid YAML: " + OneLine.of(e.getMessage()));
        }
        if (document == null) {
            throw new BadInputException(origin + ": the file is empty: expected the fields " + String.join(", ", FIELDS));
        }
        if (!(document instanceof Map<?, ?> read)) {
            throw new BadInputException(origin + ": expected a mapping of the fields " + String.join(", ", FIELDS)
                    + ", got " + kind(document));
        }
        // YAML 1.1 (SnakeYAML) reads the bare key on as the boolean true.
        Map<Object, Object> fields = new LinkedHashMap<>();
        read.forEach((key, value) -> fields.put(Boolean.TRUE.equals(key) ? "on" : key, value));
        for (Object key : fields.keySet()) {
            if (!(key instanceof String name) || !FIELDS.contains(name)) {
                throw new BadInputException(origin + ": unknown field '" + key + "': expected "
                        + String.join(", ", FIELDS));
            }
        }

        String job = requiredText(fields, "job", origin);
        JobDefinition definition = catalog.find(job).orElseThrow(() -> new BadInputException(origin
                + ": field job: unknown job '" + job + "': expected " + catalog.expected()));
        String expectedFile = job + ".yml";
        if (!fileName.equals(expectedFile)) {
            throw new BadInputException(origin + ": field job: the file of job " + job + " must be named "
                    + expectedFile);
        }

        String cron = requiredText(fields, "cron", origin);
        String cronHelp = "expected a Quartz cron expression of 6 or 7 fields: second minute hour day-of-month "
                + "month day-of-week [year], e.g. \"0 0 2 * * ?\"";
        try {
            new CronExpression(cron);
        } catch (ParseException e) {
            throw new BadInputException(origin + ": field cron: '" + cron + "' is not valid (" + e.getMessage()
                    + "): " + cronHelp);
        } catch (RuntimeException e) {
            throw new BadInputException(origin + ": field cron: '" + cron + "' is not valid: " + cronHelp);
        }

        ZoneId zone = ZoneId.of("UTC");
        if (fields.containsKey("zone")) {
            String zoneId = requiredText(fields, "zone", origin);
            try {
                zone = ZoneId.of(zoneId);
            } catch (DateTimeException e) {
                throw new BadInputException(origin + ": field zone: unknown time zone '" + zoneId
                        + "': expected an IANA zone id such as UTC or Europe/Berlin");
            }
        }

        boolean enabled = true;
        if (fields.containsKey("enabled")) {
            if (!(fields.get("enabled") instanceof Boolean flag)) {
                throw new BadInputException(origin + ": field enabled: must be true or false, got '"
                        + fields.get("enabled") + "'");
            }
            enabled = flag;
        }

        Misfire misfire = Misfire.FIRE_ONCE;
        if (fields.containsKey("misfire")) {
            String value = String.valueOf(fields.get("misfire"));
            misfire = Misfire.parse(value).orElseThrow(() -> new BadInputException(origin
                    + ": field misfire: must be " + Misfire.accepted() + ", got '" + value + "'"));
        }

        Map<String, String> parameters = new LinkedHashMap<>();
        if (fields.containsKey("parameters") && fields.get("parameters") != null) {
            if (!(fields.get("parameters") instanceof Map<?, ?> given)) {
                throw new BadInputException(origin + ": field parameters: expected a mapping of name: value, got "
                        + kind(fields.get("parameters")));
            }
            for (Map.Entry<?, ?> entry : given.entrySet()) {
                parameters.put(String.valueOf(entry.getKey()), scalar(entry.getKey(), entry.getValue(), origin));
            }
        }
        // Same parser and messages as the command line: "<file>: parameter graceDays must be ..., got 'x'".
        definition.resolve(parameters, origin);

        NotifyRule notify = notifyRule(fields, origin);

        JobSchedule schedule = new JobSchedule(job, cron, zone, enabled, misfire, parameters, origin, notify);
        if (schedule.nextFireTime(Instant.now()).isEmpty()) {
            throw new BadInputException(origin + ": field cron: '" + cron + "' never fires from now on: "
                    + cronHelp);
        }
        return schedule;
    }

    private static NotifyRule notifyRule(Map<?, ?> fields, String origin) {
        String channelHelp = "expected a list of channels, each 'email: <address>' or 'webhook: <http(s) URL>'";
        List<NotifyChannel> channels = new ArrayList<>();
        Object notify = fields.get("notify");
        if (notify != null) {
            if (!(notify instanceof List<?> entries)) {
                throw new BadInputException(origin + ": field notify: " + channelHelp + ", got " + kind(notify));
            }
            for (Object entry : entries) {
                if (!(entry instanceof Map<?, ?> channel) || channel.size() != 1) {
                    throw new BadInputException(origin + ": field notify: " + channelHelp + ", got " + kind(entry));
                }
                Map.Entry<?, ?> only = channel.entrySet().iterator().next();
                String value = only.getValue() instanceof String text ? text.strip() : "";
                if (NotifyChannel.EMAIL.equals(only.getKey())) {
                    if (!value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                        throw new BadInputException(origin + ": field notify: '" + only.getValue()
                                + "' is not an e-mail address: " + channelHelp);
                    }
                } else if (NotifyChannel.WEBHOOK.equals(only.getKey())) {
                    if (!isHttpUrl(value)) {
                        throw new BadInputException(origin + ": field notify: the webhook is not an http(s) URL: "
                                + channelHelp);
                    }
                } else {
                    throw new BadInputException(origin + ": field notify: unknown channel '" + only.getKey() + "': "
                            + channelHelp);
                }
                channels.add(new NotifyChannel((String) only.getKey(), value));
            }
        }
        Set<String> on = new java.util.TreeSet<>(NotifyRule.OUTCOMES);
        if (fields.containsKey("on")) {
            Object value = fields.get("on");
            List<?> given = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
            on.clear();
            for (Object outcome : given) {
                if (!NotifyRule.OUTCOMES.contains(String.valueOf(outcome))) {
                    throw new BadInputException(origin + ": field on: '" + outcome + "' is not an outcome: expected "
                            + "completed, failed or both ([completed, failed])");
                }
                on.add(String.valueOf(outcome));
            }
            if (on.isEmpty()) {
                throw new BadInputException(origin + ": field on: names no outcome: expected completed, failed or "
                        + "both ([completed, failed])");
            }
        }
        return new NotifyRule(channels, on);
    }

    private static boolean isHttpUrl(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private List<ScheduleFile> files() {
        Path dir = folder();
        List<ScheduleFile> files = new ArrayList<>();
        if (dir != null) {
            String shown = configuredDir != null && !configuredDir.isBlank() ? dir + "/" : "jobs/";
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path file : entries.sorted(Comparator.comparing(Path::toString)).toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".yaml")) {
                        throw new BadInputException(shown + name + ": schedule files end in .yml: rename it to "
                                + name.substring(0, name.length() - ".yaml".length()) + ".yml");
                    }
                    if (name.endsWith(".yml") && Files.isRegularFile(file)) {
                        files.add(new ScheduleFile(name, shown + name, Files.readString(file, StandardCharsets.UTF_8)));
                    }
                }
            } catch (IOException e) {
                throw new BadInputException("Cannot read the schedules in " + dir + ": " + e.getMessage());
            }
            return files;
        }
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:jobs/*.yml");
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    files.add(new ScheduleFile(resource.getFilename(), "classpath:jobs/" + resource.getFilename(),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(Comparator.comparing(ScheduleFile::name));
        return files;
    }

    /** The folder in use, or null for the jar's defaults. */
    private Path folder() {
        if (configuredDir != null && !configuredDir.isBlank()) {
            Path dir = Path.of(configuredDir);
            if (!Files.isDirectory(dir)) {
                throw new BadInputException("PF_JOBS_DIR: " + configuredDir + " is not a folder: expected the folder "
                        + "that holds the <job>.yml schedules");
            }
            return dir;
        }
        Path local = Path.of("jobs");
        return Files.isDirectory(local) ? local : null;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        return new Yaml(new SafeConstructor(options));
    }

    private static String requiredText(Map<?, ?> fields, String field, String origin) {
        if (!fields.containsKey(field) || fields.get(field) == null) {
            throw new BadInputException(origin + ": field " + field + " is missing");
        }
        Object value = fields.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new BadInputException(origin + ": field " + field + ": expected text, got " + kind(value));
        }
        return text.trim();
    }

    private static String scalar(Object name, Object value, String origin) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Date date) {
            // YAML reads 2025-01-31 as a timestamp; the parameter wants the date as written.
            return DateTimeFormatter.ISO_LOCAL_DATE.format(date.toInstant().atZone(ZoneOffset.UTC));
        }
        throw new BadInputException(origin + ": parameter " + name + ": expected a single value, got "
                + kind(value));
    }

    private static String kind(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List || value instanceof Set) {
            return "a list";
        }
        return "'" + value + "'";
    }


    private record ScheduleFile(String name, String origin, String content) {
    }
}
