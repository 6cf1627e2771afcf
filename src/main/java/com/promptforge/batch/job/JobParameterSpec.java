package com.promptforge.batch.job;

import com.promptforge.batch.core.BadInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One parameter a job accepts: its name, type, default and what values are accepted. The command line,
 * the jobs/*.yml defaults and the scheduler all parse values through {@link #parse(String, String)}, so a
 * bad value gets the same one-line message everywhere.
 */
public record JobParameterSpec(String name, Type type, String defaultValue, String description,
                               long min, long max, List<String> choices) {

    public enum Type { BOOLEAN, INTEGER, DATE, TEXT, CHOICE }

    public static JobParameterSpec bool(String name, boolean defaultValue, String description) {
        return new JobParameterSpec(name, Type.BOOLEAN, Boolean.toString(defaultValue), description, 0, 0, List.of());
    }

    public static JobParameterSpec integer(String name, long defaultValue, long min, long max, String description) {
        return new JobParameterSpec(name, Type.INTEGER, Long.toString(defaultValue), description, min, max, List.of());
    }

    /** A whole number with no default: optional, absent from the resolved values when not given. */
    public static JobParameterSpec optionalInteger(String name, long min, long max, String description) {
        return new JobParameterSpec(name, Type.INTEGER, null, description, min, max, List.of());
    }

    /** An ISO date; {@code defaultValue} null means "no default, optional". */
    public static JobParameterSpec date(String name, String defaultValue, String description) {
        return new JobParameterSpec(name, Type.DATE, defaultValue, description, 0, 0, List.of());
    }

    public static JobParameterSpec text(String name, String defaultValue, String description) {
        return new JobParameterSpec(name, Type.TEXT, defaultValue, description, 0, 0, List.of());
    }

    public static JobParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new JobParameterSpec(name, Type.CHOICE, defaultValue, description, 0, 0, List.copyOf(choices));
    }

    /**
     * Parses {@code given} (name=value pairs) over the defaults of {@code specs}, in their order. Unknown names and
     * bad values are refused with one line naming the parameter; {@code owner} says whose parameters they are
     * ("job entitlement-sync", "command generate").
     */
    public static Map<String, Object> resolve(List<JobParameterSpec> specs, Map<String, String> given, String origin,
                                              String owner) {
        Map<String, JobParameterSpec> byName = specs.stream()
                .collect(Collectors.toMap(JobParameterSpec::name, spec -> spec, (a, b) -> a, LinkedHashMap::new));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                throw new BadInputException(origin + ": unknown parameter '" + key + "' for " + owner
                        + ": expected " + (byName.isEmpty() ? "no parameters" : "one of " + String.join(", ",
                        byName.keySet())));
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (JobParameterSpec spec : specs) {
            String raw = given.containsKey(spec.name()) ? given.get(spec.name()) : spec.defaultValue();
            if (raw != null) {
                resolved.put(spec.name(), spec.parse(raw, origin));
            }
        }
        return resolved;
    }

    /** What is accepted, as the error messages and help say it. */
    public String accepted() {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case INTEGER -> "a whole number from " + min + " to " + max;
            case DATE -> "a date as yyyy-mm-dd";
            case TEXT -> "any text";
            case CHOICE -> "one of " + String.join("|", choices);
        };
    }

    /**
     * Parses {@code raw}; {@code origin} says where it came from ("run", "jobs/entitlement-sync.yml") for the
     * message. Returns Boolean, Long, LocalDate or String.
     */
    public Object parse(String raw, String origin) {
        String value = raw == null ? "" : raw.trim();
        try {
            return switch (type) {
                case BOOLEAN -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw bad(raw, origin);
                };
                case INTEGER -> {
                    long number = Long.parseLong(value);
                    if (number < min || number > max) {
                        throw bad(raw, origin);
                    }
                    yield number;
                }
                case DATE -> LocalDate.parse(value);
                case TEXT -> value;
                case CHOICE -> {
                    if (!choices.contains(value)) {
                        throw bad(raw, origin);
                    }
                    yield value;
                }
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw bad(raw, origin);
        }
    }

    private BadInputException bad(String raw, String origin) {
        return new BadInputException(origin + ": parameter " + name + " must be " + accepted() + ", got '"
                + raw + "'");
    }
}
