package com.promptforge.batch.core;

import java.io.PrintStream;
import java.util.List;

/** One command of the command line, run inside the application context. */
public interface CliCommand {

    /** The word that selects it, as the command line's help lists it. */
    String name();

    ExitCode run(List<String> arguments, PrintStream out) throws Exception;
}
