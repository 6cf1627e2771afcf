package com.promptforge.batch.job;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The values of a job's declared parameters as one run uses them (parsed, defaults filled in) and its launch time:
 * what a job's parameter record is made from ({@link JobParametersBinder}).
 */
public final class JobParameterValues {

    private final Map<String, Object> resolved;
    private final Object launchTime;

    JobParameterValues(Map<String, Object> resolved, Object launchTime) {
        this.resolved = Map.copyOf(resolved);
        this.launchTime = launchTime;
    }

    /** A whole-number parameter (declared with a default, so always present). */
    public long longValue(String name) {
        return (Long) require(name);
    }

    /** A whole-number parameter that fits an int (its declared maximum does). */
    public int intValue(String name) {
        return Math.toIntExact(longValue(name));
    }

    public boolean booleanValue(String name) {
        return (Boolean) require(name);
    }

    /** A text or choice parameter, trimmed; null when it has no default and was not given. */
    public String text(String name) {
        return (String) resolved.get(name);
    }

    /** A date parameter; null when it has no default and was not given. */
    public LocalDate date(String name) {
        return (LocalDate) resolved.get(name);
    }

    /**
     * The run's {@value JobRunner#LAUNCH_TIME} (UTC): a scheduled run's fire time, kept by a restart. A launch
     * outside {@link JobRunner} has none; now (UTC) is what it would have been.
     */
    public LocalDateTime launchTime() {
        if (launchTime instanceof LocalDateTime time) {
            return time;
        }
        if (launchTime != null) {
            return LocalDateTime.parse(String.valueOf(launchTime));
        }
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    private Object require(String name) {
        Object value = resolved.get(name);
        if (value == null) {
            throw new IllegalStateException("parameter " + name + " is not declared with a default");
        }
        return value;
    }
}
