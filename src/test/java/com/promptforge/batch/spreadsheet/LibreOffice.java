package com.promptforge.batch.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * LibreOffice Calc run headless, as a reader's spreadsheet program: converts a workbook to PDF the way it would
 * print. In CI ({@code CI} set, as {@code .ci/run} does) a missing LibreOffice fails the test; only elsewhere is
 * the test skipped without it.
 */
public final class LibreOffice {

    private static final List<String> CANDIDATES = List.of("soffice", "libreoffice");
    private static final Pattern PAGES = Pattern.compile("(?m)^Pages:\\s+(\\d+)");
    private static final Pattern PAGE_OBJECT = Pattern.compile("/Type\\s*/Page(?![s\\w])");

    private final Path binary;

    private LibreOffice(Path binary) {
        this.binary = binary;
    }

    /** The installed LibreOffice; skips the test without one, except in CI, where it fails. */
    public static LibreOffice require() {
        Optional<Path> found = find();
        String ci = System.getenv("CI");
        if (found.isEmpty() && (ci == null || ci.isBlank())) {
            Assumptions.abort("LibreOffice (soffice) is not installed; .ci/run installs it and never skips this");
        }
        assertThat(found).as("LibreOffice (soffice) on PATH; CI=" + ci + " forbids skipping this check").isPresent();
        return new LibreOffice(found.get());
    }

    private static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .flatMap(dir -> CANDIDATES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Converts the workbook to PDF in {@code outDir}; fails the test when the conversion fails. */
    public Path toPdf(Path workbook, Path outDir) {
        try {
            Files.createDirectories(outDir);
            // A profile of its own: two instances sharing one refuse to start.
            Path profile = Files.createTempDirectory("pf-lo-profile");
            Process process = new ProcessBuilder(binary.toString(), "--headless", "--norestore",
                    "-env:UserInstallation=" + profile.toUri(), "--convert-to", "pdf", "--outdir",
                    outDir.toString(), workbook.toString())
                    .redirectErrorStream(true)
                    .start();
            boolean finished = process.waitFor(4, TimeUnit.MINUTES);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!finished) {
                process.destroyForcibly();
            }
            String name = workbook.getFileName().toString().replaceFirst("\\.xlsx$", ".pdf");
            Path pdf = outDir.resolve(name);
            assertThat(finished && process.exitValue() == 0 && Files.exists(pdf))
                    .as("LibreOffice converts " + workbook.getFileName() + " to PDF: " + output)
                    .isTrue();
            return pdf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The PDF's pages: pdfinfo's count where poppler-utils is installed, else the page objects in the file. */
    public static int pages(Path pdf) {
        try {
            Optional<Path> pdfinfo = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .map(dir -> Path.of(dir, "pdfinfo")).filter(Files::isExecutable).findFirst();
            if (pdfinfo.isPresent()) {
                Process process = new ProcessBuilder(pdfinfo.get().toString(), pdf.toString())
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(1, TimeUnit.MINUTES);
                Matcher pages = PAGES.matcher(output);
                assertThat(pages.find()).as("pdfinfo " + pdf + ": " + output).isTrue();
                return Integer.parseInt(pages.group(1));
            }
            String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
            return (int) PAGE_OBJECT.matcher(text).results().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
