package com.promptforge.batch.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * One report on its way to its readers: staged (written to a hidden temp file beside the file it will be),
 * {@link #commit committed} (moved into place atomically, with its {@code .sha256} sidecar), then
 * {@link #publish published} to the {@link ReportStore}; or {@link #close discarded} when the run fails or stops.
 *
 * <pre>{@code
 * try (StagedReport staged = lifecycle.stage(ReportKey.named("audit", name));
 *      SpreadsheetWriter writer = SpreadsheetWriter.create(staged.file(), "Audit export")) {
 *     ... writer.finish();
 *     PublishedReport published = staged.commitAndPublish();
 * }
 * }</pre>
 *
 * <p>A reader never sees a half-written file under the report's name, and an earlier report of the same name stays
 * whole until the new one replaces it. No sidecar ever describes another file: the old one goes before the move,
 * the new one comes after it.
 */
public final class StagedReport implements AutoCloseable {

    private enum State { STAGED, COMMITTED, DISCARDED }

    private final ReportKey key;
    private final ReportStore store;
    private final Path committedFile;
    private final Path temp;
    private CommittedReport committed;
    private State state = State.STAGED;

    StagedReport(ReportKey key, ReportStore store) {
        this.key = key;
        this.store = store;
        this.committedFile = store.committedFile(key);
        try {
            Files.createDirectories(committedFile.toAbsolutePath().getParent());
            this.temp = LeftoverTempFiles.createTempBeside(committedFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage report " + key + " beside " + committedFile, e);
        }
    }

    public ReportKey key() {
        return key;
    }

    /** The staging file to write the report to; it exists (empty) and nothing else writes to it. */
    public Path file() {
        requireState(State.STAGED);
        return temp;
    }

    /**
     * Moves the staged file into place, atomically where the file system can (replacing an earlier report of the
     * same name), and writes its {@code .sha256} beside it. After a failure the staged file is gone and an
     * earlier report stays as it was.
     */
    public CommittedReport commit() {
        requireState(State.STAGED);
        Path sidecar = Sha256Sidecar.of(committedFile);
        try {
            String sha256 = Sha256Sidecar.sha256(temp);
            Files.deleteIfExists(sidecar);
            moveIntoPlace(temp, committedFile);
            state = State.COMMITTED;
            Path sidecarTemp = LeftoverTempFiles.createTempBeside(sidecar);
            try {
                Sha256Sidecar.write(sidecarTemp, committedFile, sha256);
                moveIntoPlace(sidecarTemp, sidecar);
            } finally {
                Files.deleteIfExists(sidecarTemp);
            }
            committed = new CommittedReport(key, committedFile, sidecar, sha256);
            return committed;
        } catch (IOException e) {
            if (state == State.STAGED) {
                discard(e);
            }
            throw new UncheckedIOException("cannot commit report " + key + " to " + committedFile, e);
        }
    }

    /**
     * Publishes the committed report to the store.
     *
     * @throws ReportNotPublishedException when the store refuses it; the committed file is kept
     */
    public PublishedReport publish() {
        requireState(State.COMMITTED);
        try {
            return new PublishedReport(key, store.publish(committed), committed.sha256());
        } catch (RuntimeException e) {
            throw new ReportNotPublishedException(committed, store, e);
        }
    }

    /** {@link #commit()} then {@link #publish()}. */
    public PublishedReport commitAndPublish() {
        commit();
        return publish();
    }

    /** Without a commit, deletes the staged file: a failed or stopped run leaves nothing. Does nothing after. */
    @Override
    public void close() {
        if (state == State.STAGED) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot discard the staged report " + temp, e);
            } finally {
                state = State.DISCARDED;
            }
        }
    }

    private void discard(IOException cause) {
        state = State.DISCARDED;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("report " + key + " is " + state.name().toLowerCase(Locale.ROOT)
                    + ", not " + expected.name().toLowerCase(Locale.ROOT));
        }
    }
}
