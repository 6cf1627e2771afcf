package com.promptforge.batch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * A real PgBouncer (Debian's {@code pgbouncer}) on loopback in front of a test database's server, in the pool mode
 * asked for. It runs as the {@code postgres} OS user when the tests run as root (PgBouncer refuses root), with its
 * files in a folder that user owns. Not installed is a failure, not a skip: CI installs it ({@code .ci/run}).
 */
public final class PgBouncer implements AutoCloseable {

    private final Process process;
    private final Path directory;
    private final int port;

    private PgBouncer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Starts PgBouncer in {@code poolMode} ({@code session} or {@code transaction}) in front of {@code db}'s server. */
    public static PgBouncer start(String poolMode, TestDatabase db) {
        Path binary = binary();
        try {
            Path directory = Files.createTempDirectory("pf-pgbouncer");
            int port = FreePort.any();
            Files.writeString(directory.resolve("users.txt"), "\"" + db.serverUser() + "\" \""
                    + (db.serverPassword() == null ? "" : db.serverPassword()) + "\"\n");
            Files.writeString(directory.resolve("pgbouncer.ini"), """
                    [databases]
                    * = host=%s port=%d
                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = trust
                    auth_file = %s
                    pool_mode = %s
                    ignore_startup_parameters = extra_float_digits,options
                    logfile = %s
                    default_pool_size = 10
                    max_client_conn = 200
                    """.formatted(db.serverHost(), db.serverPort(), port, directory.resolve("users.txt"), poolMode,
                    directory.resolve("pgbouncer.log")));
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                handToPostgres(directory);
                command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
            }
            command.addAll(List.of(binary.toString(), directory.resolve("pgbouncer.ini").toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("console.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, directory, port);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL of {@code database} through this PgBouncer. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    private static Path binary() {
        return Stream.concat(Stream.of(System.getenv("PATH").split(":")), Stream.of("/usr/sbin", "/usr/bin"))
                .map(folder -> Path.of(folder, "pgbouncer"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("PgBouncer is not installed, and this test needs a real one: "
                        + "apt-get install -y pgbouncer (.ci/run installs it)"));
    }

    private static void handToPostgres(Path directory) throws IOException {
        UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("postgres");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                Files.setOwner(path, postgres);
            }
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = read("console.log") + read("pgbouncer.log");
                    close();
                    throw new AssertionError("PgBouncer did not listen on 127.0.0.1:" + port + ":\n" + log);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    private String read(String file) {
        try {
            Path path = directory.resolve(file);
            return Files.exists(path) ? Files.readString(path) : "";
        } catch (IOException e) {
            return "(" + file + ": " + e.getMessage() + ")";
        }
    }


    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FileSystemUtils.deleteRecursively(directory.toFile());
    }
}
