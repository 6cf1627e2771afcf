package com.promptforge.batch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command of this jar run in a child JVM with a heap limit ({@code -Xmx256m}), on the bench's database: the
 * proof that a job fits in that heap, which a measurement inside the bench's own (larger) heap cannot give. The
 * child's peak heap is read from its GC log (the most heap in use before any collection), not guessed. The
 * database settings reach it through the environment, never its command line.
 *
 * @param outcome "completed ..." when the child exited 0, otherwise what went wrong
 */
record ConstrainedRun(String outcome) {

    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern JOB_LINE = Pattern.compile("execution \\d+ COMPLETED in (.+)$");

    static ConstrainedRun of(BenchmarkEnvironment environment, String heap, String... command) {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return new ConstrainedRun("not run: the bench was not started with java -jar");
        }
        Path gcLog = null;
        try {
            gcLog = Files.createTempFile("pf-bench-gc", ".log");
            List<String> line = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                    "-Xlog:gc:file=" + gcLog, "-jar", classPath));
            line.addAll(List.of(command));
            ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("PF_DB_URL", environment.target().jdbcUrl());
            putOrRemove(env, "PF_DB_USER", environment.target().user());
            putOrRemove(env, "PF_DB_PASSWORD", environment.target().password());
            long started = System.nanoTime();
            Process process = builder.start();
            List<String> output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            int exit = process.waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (exit != 0) {
                String last = output.isEmpty() ? "(no output)" : output.get(output.size() - 1);
                return new ConstrainedRun("FAILED with exit " + exit + ": " + last);
            }
            String job = output.stream().map(JOB_LINE::matcher).filter(Matcher::find).map(m -> m.group(1))
                    .findFirst().orElse("?");
            return new ConstrainedRun(String.format(Locale.ROOT,
                    "completed, the job in %s (%.1f s with the JVM's start), peak heap %s", job, seconds,
                    peakHeap(gcLog)));
        } catch (IOException e) {
            return new ConstrainedRun("FAILED to start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConstrainedRun("FAILED: interrupted");
        } finally {
            if (gcLog != null) {
                try {
                    Files.deleteIfExists(gcLog);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private static void putOrRemove(Map<String, String> env, String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
    }

    /** "174 MB of 256 MB": the most heap in use before a collection, and the heap's size then. */
    private static String peakHeap(Path gcLog) throws IOException {
        long peak = 0;
        long size = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher pause = GC_PAUSE.matcher(line);
            while (pause.find()) {
                peak = Math.max(peak, Long.parseLong(pause.group(1)));
                size = Math.max(size, Long.parseLong(pause.group(3)));
            }
        }
        return peak == 0 ? "unknown (no collection)" : peak + " MB of " + size + " MB";
    }

    String describe() {
        return outcome;
    }
}
