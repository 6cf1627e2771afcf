package com.promptforge.batch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * A real streaming replica: a PostgreSQL 15 primary made with {@code initdb} on a free loopback port (wal_level
 * replica, a replication line in pg_hba), and a hot standby made from it with {@code pg_basebackup -R -X stream -c
 * fast} on another port, both in a temporary folder, run as the {@code postgres} OS user when the tests run as root.
 * Independent of the machine's own clusters (CI's first phase runs with 15/main stopped). Not installed is a failure,
 * not a skip: CI installs PostgreSQL 15 ({@code .ci/run}). {@link #close()} stops both and deletes the folder.
 */
public final class StreamingReplica implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private final Path directory;
    private final int primaryPort;
    private final int replicaPort;
    private final List<Path> started = new ArrayList<>();

    private StreamingReplica(Path directory, int primaryPort, int replicaPort) {
        this.directory = directory;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    /** Creates and starts the primary, then its standby; returns once the standby accepts connections. */
    public static StreamingReplica start() {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new AssertionError("PostgreSQL 15 is not installed (" + BIN + "), and this test needs a real "
                    + "streaming replica: apt-get install -y postgresql-15 (.ci/run installs it)");
        }
        StreamingReplica replica;
        try {
            Path directory = Files.createTempDirectory("pf-replica");
            replica = new StreamingReplica(directory, FreePort.any(), FreePort.any());
            handToPostgres(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            replica.startPrimary();
            replica.startStandby();
            return replica;
        } catch (RuntimeException | AssertionError e) {
            replica.close();
            throw e;
        }
    }

    private void startPrimary() {
        Path primary = directory.resolve("primary");
        run("initdb", "-D", primary.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        write(primary.resolve("postgresql.conf"), """

                port = %d
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '%s'
                wal_level = replica
                max_wal_senders = 4
                hot_standby = on
                fsync = off
                """.formatted(primaryPort, directory), true);
        write(primary.resolve("pg_hba.conf"), """
                local all all trust
                host all all 127.0.0.1/32 trust
                host replication all 127.0.0.1/32 trust
                """, false);
        pgCtlStart(primary);
    }

    private void startStandby() {
        Path standby = directory.resolve("standby");
        run("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", USER, "-D",
                standby.toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync");
        // the primary's postgresql.conf came with the copy: the later line wins
        write(standby.resolve("postgresql.conf"), "\nport = %d\n".formatted(replicaPort), true);
        pgCtlStart(standby);
    }

    /** The primary's JDBC URL (user postgres, no password: trust on loopback). */
    public String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + DATABASE;
    }

    public String replicaUrl() {
        return "jdbc:postgresql://127.0.0.1:" + replicaPort + "/" + DATABASE;
    }

    /** How the reports name the replica: host:port/database. */
    public String replicaServer() {
        return "127.0.0.1:" + replicaPort + "/" + DATABASE;
    }

    /** Settings that point the application at the primary, and its reads at the replica. */
    public Map<String, Object> applicationProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("pf.db.url", primaryUrl());
        properties.put("pf.db.user", USER);
        properties.put("pf.db.password", "");
        properties.put("pf.db.pool-size", 4);
        properties.put("pf.db.read-url", replicaUrl());
        return properties;
    }

    public JdbcTemplate primary() {
        return jdbc(primaryUrl());
    }

    public JdbcTemplate replica() {
        return jdbc(replicaUrl());
    }

    /** Stops applying WAL on the replica: it keeps receiving, and falls behind. */
    public void pauseReplay() {
        replica().queryForList("select pg_catalog.pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        replica().queryForList("select pg_catalog.pg_wal_replay_resume()");
        awaitCaughtUp();
    }

    /** Waits until the replica has replayed everything the primary has written so far. */
    public void awaitCaughtUp() {
        String written = primary().queryForObject("select pg_catalog.pg_current_wal_lsn()::text", String.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(replica().queryForObject(
                "select pg_catalog.pg_last_wal_replay_lsn() >= cast(? as pg_lsn)", Boolean.class, written))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replica did not replay up to " + written + " within 30 s:\n"
                        + read(directory.resolve("standby").resolve("log")));
            }
            sleep(50);
        }
    }

    private static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new DriverManagerDataSource(url, USER, ""));
    }

    private void pgCtlStart(Path dataDirectory) {
        run("pg_ctl", "-D", dataDirectory.toString(), "-l", dataDirectory.resolve("log").toString(), "-w", "-t", "60",
                "start");
        started.add(0, dataDirectory);
    }

    /** Runs a PostgreSQL 15 program, as postgres when this is root; fails with what it printed. */
    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BIN.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("pf-replica-" + program, ".log");
            try {
                Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not end within 120 s:\n"
                            + Files.readString(output));
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n"
                            + Files.readString(output) + logs());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String logs() {
        StringBuilder logs = new StringBuilder();
        for (String server : List.of("primary", "standby")) {
            Path log = directory.resolve(server).resolve("log");
            if (Files.exists(log)) {
                logs.append("\n--- ").append(server).append(" log\n").append(read(log));
            }
        }
        return logs.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + file + ": " + e.getMessage() + ")";
        }
    }

    private static void write(Path file, String text, boolean append) {
        try {
            if (append) {
                Files.writeString(file, Files.readString(file) + text);
            } else {
                Files.writeString(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void handToPostgres(Path directory) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("postgres");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                Files.setOwner(path, postgres);
            }
        }
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Stops the standby, then the primary (immediately: nothing in them is kept), and deletes both. */
    @Override
    public void close() {
        for (Path dataDirectory : List.copyOf(started)) {
            try {
                run("pg_ctl", "-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop");
            } catch (AssertionError | RuntimeException e) {
                System.err.println("Could not stop " + dataDirectory + ": " + e.getMessage());
            }
        }
        started.clear();
        FileSystemUtils.deleteRecursively(directory.toFile());
    }
}
