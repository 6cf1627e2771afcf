package com.promptforge.batch.cli;

import java.io.PrintStream;
import java.util.List;

/** One command of the command line, run inside the application context. */
public interface CliCommand {

    /** The word that selects it, as listed in {@link CommandHelp}. */
    String name();

    ExitCode run(List<String> arguments, PrintStream out) throws Exception;
}
