package com.promptforge.batch.cli;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.ConsoleText;
import com.promptforge.batch.core.ExitCode;
import com.promptforge.batch.core.OneLine;
import com.promptforge.batch.core.CliCommand;
import com.promptforge.batch.PromptForgeApplication;
import com.promptforge.batch.db.DatabaseUnavailableException;
import com.promptforge.batch.generator.GenerationSpec;
import com.promptforge.batch.job.JobDefinition;
import com.promptforge.batch.job.JobRefusedException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The command line: {@code java -jar promptforge-batch.jar <command> [arguments]}. Answers help and
 * bad commands before anything starts; otherwise starts the application, runs the command and turns
 * every failure into one line and an {@link ExitCode}.
 */
public final class PromptForgeCli {

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Object> properties;

    /**
     * @param properties settings that take precedence over application.yml and the environment (tests
     *                   point the application at their own database this way)
     */
    public PromptForgeCli(PrintStream out, PrintStream err, Map<String, Object> properties) {
        this.out = out;
        this.err = err;
        this.properties = properties;
    }

    public static void main(String[] args) {
        System.exit(new PromptForgeCli(System.out, System.err, Map.of()).run(args));
    }

    public int run(String... args) {
        if (args.length == 0) {
            err.println("No command given: expected one of " + CommandHelp.names()
                    + " (java -jar promptforge-batch.jar help)");
            return ExitCode.BAD_INPUT.code();
        }
        Optional<CommandHelp> command = CommandHelp.find(args[0]);
        if (command.isEmpty()) {
            err.println("Unknown command '" + ConsoleText.safe(args[0]) + "': expected one of " + CommandHelp.names());
            return ExitCode.BAD_INPUT.code();
        }
        List<String> arguments = List.copyOf(Arrays.asList(args).subList(1, args.length));
        if (command.get() == CommandHelp.HELP) {
            return help(arguments).code();
        }
        return runInApplication(command.get(), arguments).code();
    }

    private ExitCode help(List<String> arguments) {
        if (arguments.isEmpty()) {
            out.println("Usage: java -jar promptforge-batch.jar <command> [arguments]");
            out.println();
            for (CommandHelp help : CommandHelp.values()) {
                out.printf("  %-34s %s%n", help.synopsis(), help.description().lines().findFirst().orElse(""));
            }
            out.println();
            out.println("Exit codes: 0 completed, 1 failed, 2 bad command or parameters, 3 database unavailable.");
            return ExitCode.COMPLETED;
        }
        Optional<CommandHelp> topic = CommandHelp.find(arguments.get(0));
        if (topic.isEmpty()) {
            err.println("Unknown command '" + ConsoleText.safe(arguments.get(0)) + "': expected one of "
                    + CommandHelp.names());
            return ExitCode.BAD_INPUT;
        }
        out.println("Usage: java -jar promptforge-batch.jar " + topic.get().synopsis());
        out.println();
        out.println(topic.get().description());
        if (topic.get() == CommandHelp.GENERATE) {
            out.println();
            out.println("Parameters (name=default):");
            new JobDefinition("generate", "", GenerationSpec.PARAMETERS).parameterHelp()
                    .forEach(line -> out.println("  " + line));
        }
        if (topic.get() == CommandHelp.RUN) {
            out.println();
            JobParameterHelp.lines(properties).forEach(out::println);
        }
        return ExitCode.COMPLETED;
    }

    private ExitCode runInApplication(CommandHelp command, List<String> arguments) {
        WebApplicationType web = command.command().equals("schedule")
                ? WebApplicationType.SERVLET : WebApplicationType.NONE;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PromptForgeApplication.class)
                .web(web)
                .initializers(ctx -> {
                    var sources = ctx.getEnvironment().getPropertySources();
                    sources.addFirst(new MapPropertySource("command-line-overrides", properties));
                    sources.addAfter("command-line-overrides",
                            new MapPropertySource("command-startup", command.startupProperties()));
                })
                .run()) {
            CliCommand handler = context.getBeansOfType(CliCommand.class).values().stream()
                    .filter(candidate -> candidate.name().equals(command.command()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No handler for command " + command.command()));
            return handler.run(arguments, out);
        } catch (Exception e) {
            return report(e);
        }
    }

    private ExitCode report(Throwable failure) {
        BadInputException badInput = find(failure, BadInputException.class);
        if (badInput != null) {
            err.println(ConsoleText.safe(badInput.getMessage()));
            return ExitCode.BAD_INPUT;
        }
        JobRefusedException refused = find(failure, JobRefusedException.class);
        if (refused != null) {
            err.println(ConsoleText.safe(refused.getMessage()));
            return ExitCode.FAILED;
        }
        DatabaseUnavailableException unavailable = find(failure, DatabaseUnavailableException.class);
        if (unavailable != null) {
            err.println(ConsoleText.safe(unavailable.getMessage()));
            return ExitCode.DATABASE_UNAVAILABLE;
        }
        FlywayException migration = find(failure, FlywayException.class);
        if (migration != null) {
            err.println("The database could not be migrated: " + ConsoleText.safe(OneLine.of(migration.getMessage())));
            // What the database said (e.g. 014's "Run ... validate first"): Flyway's first line only names the file.
            SQLException database = find(failure, SQLException.class);
            if (database != null && database.getMessage() != null) {
                err.println("  " + ConsoleText.safe(OneLine.of(database.getMessage())));
            }
            return ExitCode.DATABASE_UNAVAILABLE;
        }
        err.println("Failed: " + ConsoleText.safe(OneLine.rootCause(failure)));
        if (Boolean.parseBoolean(System.getenv("PF_DEBUG"))) {
            failure.printStackTrace(err);
        } else {
            err.println("(set PF_DEBUG=true for the stack trace)");
        }
        return ExitCode.FAILED;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }


}
