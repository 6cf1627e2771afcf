package com.promptforge.batch.job;

import com.promptforge.batch.cli.PromptForgeCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a JVM of its own (the test classpath, settings as system properties), for what one JVM
 * cannot show: several scheduler processes on one database, SIGTERM, kill -9. Its output goes to a file.
 */
public final class BatchProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private BatchProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static BatchProcess start(Map<String, Object> properties, Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(PromptForgeCli.class.getName());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new BatchProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What it printed so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until its output contains {@code text}; fails when it exits or the time is up first. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("Process exited (" + process.exitValue() + ") before printing '" + text
                        + "':\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No '" + text + "' within " + timeout + ":\n" + output());
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM, then the exit code (waits up to {@code timeout}). */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Process did not exit within " + timeout + " of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** kill -9. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Process did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
