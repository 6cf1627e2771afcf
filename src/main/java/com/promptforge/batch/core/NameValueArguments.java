package com.promptforge.batch.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way command-line arguments of the form {@code name=value} are read (by {@code run}, {@code generate},
 * {@code bench} and {@code demo}); the values are then parsed by their {@code JobParameterSpec}s.
 */
public final class NameValueArguments {

    private NameValueArguments() {
    }

    /**
     * @param command the command, for the message ("run")
     * @param example an argument to show when one is malformed ("dryRun=true")
     */
    public static Map<String, String> parse(List<String> arguments, String command, String example) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                throw new BadInputException(command + ": argument '" + argument + "' is not name=value (e.g. "
                        + example + ")");
            }
            String name = argument.substring(0, equals).trim();
            if (given.put(name, argument.substring(equals + 1)) != null) {
                throw new BadInputException(command + ": parameter " + name + " is given twice");
            }
        }
        return given;
    }
}
