package com.promptforge.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report lifecycle on the local store: stage, commit (atomic, with its sidecar), publish, discard. */
class StagedReportTest {

    private static final ReportKey KEY = ReportKey.forPeriod("usage", "usage-report", "2026-W48");

    @TempDir
    Path reports;

    private ReportLifecycle local() {
        return new ReportLifecycle(new LocalReportStore(reports));
    }

    @Test
    void aReaderNeverSeesAHalfWrittenReportOnlyTheEarlierOneOrTheWholeNewOne() throws Exception {
        Path file = KEY.in(reports);
        Files.createDirectories(file.getParent());
        byte[] earlier = filled(300_000, 'e');
        byte[] next = filled(3_000_000, 'n');
        Files.write(file, earlier);
        Set<Long> sizesSeen = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    byte[] read = Files.readAllBytes(file);
                    sizesSeen.add((long) read.length);
                    if (!Arrays.equals(read, earlier) && !Arrays.equals(read, next)) {
                        sizesSeen.add(-1L); // neither whole file
                    }
                } catch (IOException gone) {
                    sizesSeen.add(0L); // not there at all
                }
            }
        });
        reader.start();
        try (StagedReport staged = local().stage(KEY)) {
            try (OutputStream out = Files.newOutputStream(staged.file())) {
                for (int part = 0; part < 30; part++) {
                    out.write(next, part * 100_000, 100_000);
                    out.flush();
                    TimeUnit.MILLISECONDS.sleep(5);
                }
            }
            staged.commitAndPublish();
        } finally {
            TimeUnit.MILLISECONDS.sleep(50);
            done.set(true);
            reader.join();
        }
        assertThat(sizesSeen).containsOnly((long) earlier.length, (long) next.length);
        assertThat(Files.readAllBytes(file)).isEqualTo(next);
    }

    @Test
    void nothingIsUnderTheReportsNameUntilItIsCommitted() throws IOException {
        try (StagedReport staged = local().stage(KEY)) {
            Files.writeString(staged.file(), "half a report");
            assertThat(KEY.in(reports)).doesNotExist();
            assertThat(staged.file().getFileName().toString()).startsWith(".usage-report-2026-W48.xlsx.");
            staged.commit();
            assertThat(KEY.in(reports)).hasContent("half a report");
        }
        assertThat(filesIn(reports)).containsExactlyInAnyOrder("usage/usage-report-2026-W48.xlsx",
                "usage/usage-report-2026-W48.xlsx.sha256");
    }

    @Test
    void discardLeavesNothingAndAnEarlierReportUntouched() throws IOException {
        Path file = KEY.in(reports);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "last week's report");
        try (StagedReport staged = local().stage(KEY)) {
            Files.writeString(staged.file(), "a report that failed half way");
        }
        assertThat(filesIn(reports)).containsExactly("usage/usage-report-2026-W48.xlsx");
        assertThat(file).hasContent("last week's report");
    }

    @Test
    void theSidecarIsWhatSha256sumWritesAndChecks() throws Exception {
        PublishedReport published;
        try (StagedReport staged = local().stage(KEY)) {
            Files.writeString(staged.file(), "the week's figures");
            published = staged.commitAndPublish();
        }
        Path file = KEY.in(reports);
        Process sum = new ProcessBuilder("sha256sum", file.getFileName().toString())
                .directory(file.getParent().toFile()).start();
        String expected = new String(sum.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sum.waitFor()).isZero();
        assertThat(Sha256Sidecar.of(file)).hasContent(expected.stripTrailing());
        assertThat(Files.readString(Sha256Sidecar.of(file))).isEqualTo(expected);
        assertThat(published.sha256() + "  " + file.getFileName() + "\n").isEqualTo(expected);
        Process check = new ProcessBuilder("sha256sum", "-c", Sha256Sidecar.of(file).getFileName().toString())
                .directory(file.getParent().toFile()).start();
        assertThat(check.waitFor()).isZero();
    }

    @Test
    void aReplacedReportsSidecarDescribesTheNewFile() throws IOException {
        for (String content : List.of("first run", "second run")) {
            try (StagedReport staged = local().stage(KEY)) {
                Files.writeString(staged.file(), content);
                staged.commitAndPublish();
            }
        }
        Path file = KEY.in(reports);
        assertThat(file).hasContent("second run");
        assertThat(Files.readString(Sha256Sidecar.of(file))).startsWith(Sha256Sidecar.sha256(file) + "  ");
    }

    @Test
    void theLocalStorePublishesTheCommittedFileWhereItIs() throws IOException {
        PublishedReport published;
        try (StagedReport staged = local().stage(KEY)) {
            Files.writeString(staged.file(), "figures");
            published = staged.commitAndPublish();
        }
        assertThat(published.location()).isEqualTo(reports.resolve("usage").resolve("usage-report-2026-W48.xlsx")
                .toString());
        assertThat(published.sidecarLocation()).isEqualTo(published.location() + ".sha256");
    }

    @Test
    void aFailingPublishSaysWhichStoreAndWhyInOneLineAndKeepsTheCommittedReport() throws IOException {
        ReportStore refusing = new ReportStore() {
            private final LocalReportStore staging = new LocalReportStore(reports);

            @Override
            public Path committedFile(ReportKey key) {
                return staging.committedFile(key);
            }

            @Override
            public String publish(CommittedReport report) {
                throw new IllegalStateException("bucket reports-prod does not exist");
            }

            @Override
            public String describe() {
                return "object store s3://reports-prod/batch";
            }
        };
        try (StagedReport staged = new ReportLifecycle(refusing).stage(KEY)) {
            Files.writeString(staged.file(), "finished figures");
            assertThatThrownBy(staged::commitAndPublish).isInstanceOf(ReportNotPublishedException.class)
                    .hasMessage("cannot publish report usage/usage-report-2026-W48.xlsx to object store "
                            + "s3://reports-prod/batch: bucket reports-prod does not exist; the finished report stays at "
                            + KEY.in(reports));
        }
        assertThat(KEY.in(reports)).hasContent("finished figures");
        assertThat(Files.readString(Sha256Sidecar.of(KEY.in(reports))))
                .startsWith(Sha256Sidecar.sha256(KEY.in(reports)) + "  ");
    }

    @Test
    void namesAPeriodsARunsAndANamedReport() {
        assertThat(ReportKey.forPeriod("usage", "usage-report", "2026-W48")).hasToString(
                "usage/usage-report-2026-W48.xlsx");
        assertThat(ReportKey.timestamped("validation", "validation", java.time.Instant.parse(
                "2026-12-06T23:05:09.042Z"))).hasToString("validation/validation-20261206T230509.042Z.xlsx");
        assertThat(ReportKey.named("audit", "audit-acme-2026-11-01-2026-11-30")).hasToString(
                "audit/audit-acme-2026-11-01-2026-11-30.xlsx");
    }

    private static byte[] filled(int size, char with) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) with);
        return bytes;
    }

    /** Files under {@code root}, as paths relative to it with '/'. */
    private static List<String> filesIn(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
