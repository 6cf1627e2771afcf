package com.promptforge.batch.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every command of the command line with its synopsis and description; {@code help} prints these. */
public enum CommandHelp {
    HELP("help", "help [command]", "Lists the commands, or explains one."),
    MIGRATE("migrate", "migrate", """
            Applies the database migrations (sql/NNN_*.sql, carried in the jar) to the embedded database or the
            one PF_DB_URL names, and prints what it applied. Every other command migrates first as well."""),
    QA("qa", "qa", """
            Runs the database self-tests, run_all_qa_tests(), and prints them as a table.
            Exit 0 when every test passes, 1 when any fails.""");

    private final String command;
    private final String synopsis;
    private final String description;

    CommandHelp(String command, String synopsis, String description) {
        this.command = command;
        this.synopsis = synopsis;
        this.description = description;
    }

    public String command() {
        return command;
    }

    public String synopsis() {
        return synopsis;
    }

    public String description() {
        return description;
    }

    public static Optional<CommandHelp> find(String name) {
        return Arrays.stream(values()).filter(help -> help.command.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(CommandHelp::command).collect(Collectors.joining(", "));
    }

    /** Whether the command runs without a database (help is answered before the application starts). */
    public boolean needsDatabase() {
        return this != HELP;
    }
}
