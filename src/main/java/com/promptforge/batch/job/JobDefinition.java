package com.promptforge.batch.job;

import java.util.List;
import java.util.Map;

/**
 * A batch job as the command line and the scheduler know it: its name (the Spring Batch job name too),
 * what it does, and the parameters it accepts. Each job's configuration declares one as a bean.
 */
public record JobDefinition(String name, String description, List<JobParameterSpec> parameters) {

    /**
     * Parses {@code given} (name=value pairs from the command line or a jobs/ file) over the declared
     * defaults. Unknown names and bad values are refused with one line naming the parameter.
     */
    public Map<String, Object> resolve(Map<String, String> given, String origin) {
        return JobParameterSpec.resolve(parameters, given, origin, "job " + name);
    }

    /** The parameters as help lists them, one line each: name=default, what it is for, what is accepted. */
    public List<String> parameterHelp() {
        if (parameters.isEmpty()) {
            return List.of("(no parameters)");
        }
        int width = parameters.stream().mapToInt(spec -> usage(spec).length()).max().orElse(0);
        return parameters.stream()
                .map(spec -> String.format("%-" + width + "s  %s%s", usage(spec),
                        spec.description() == null || spec.description().isBlank() ? ""
                                : spec.description().strip() + (spec.description().strip().endsWith(".") ? " " : ". "),
                        "Accepted: " + spec.accepted() + "."))
                .toList();
    }

    private static String usage(JobParameterSpec spec) {
        return spec.name() + "=" + (spec.defaultValue() == null ? "(no default)" : spec.defaultValue());
    }
}
