package com.promptforge.batch.report.s3;

import com.promptforge.batch.core.BadInputException;
import com.promptforge.batch.core.OneLine;
import com.promptforge.batch.report.ReportMetadata;
import com.promptforge.batch.report.ReportStoreException;
import com.promptforge.batch.report.StoredReport;
import com.promptforge.batch.report.StoredReports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The report store in an S3-compatible bucket (AWS S3, Supabase Storage, MinIO, R2), through the AWS SDK v2.
 * <ul>
 *   <li>A report's key is the prefix followed by its path under the reports folder
 *       ({@code usage/usage-report-2026-W48.xlsx}); its {@code .sha256} sidecar is an object of its own beside it.</li>
 *   <li>Every object carries its SHA-256 in its metadata ({@code sha256}, with {@code job}, {@code execution-id},
 *       {@code org} and {@code period}), and goes up with its {@code Content-MD5}, computed here before the
 *       upload, so that the store refuses bytes that do not match. Not {@code x-amz-checksum-sha256}: S3Proxy
 *       (the tests' server) answers 501 NotImplemented to it, as several S3-compatible stores do, while every one
 *       checks Content-MD5. A report larger than the part size goes up in parts, each with its own Content-MD5,
 *       read from the file part by part (memory stays flat whatever the size); {@code reports get} checks the whole
 *       file against the SHA-256.</li>
 *   <li>Failures are one line naming the store (bucket, prefix, endpoint; never credentials) and the reason.</li>
 * </ul>
 */
public final class S3ReportStore implements StoredReports, AutoCloseable {

    /** The object metadata that holds the whole file's SHA-256 (hex). */
    public static final String SHA256_METADATA = "sha256";

    private static final Logger log = LoggerFactory.getLogger(S3ReportStore.class);
    private static final String SIDECAR = ".sha256";
    private static final String SHA_256 = "SHA-256";
    private static final String MD5 = "MD5";
    private static final Duration LONGEST_LINK = Duration.ofDays(7);

    private final S3Location location;
    private final String where;
    private final long partSize;
    private final S3Client client;
    private final S3Presigner presigner;

    public S3ReportStore(S3Location location, S3StoreSettings settings, AwsCredentialsProvider credentials) {
        this.location = location;
        this.where = location + (settings.endpoint().isEmpty() ? " (AWS S3, region " + settings.region() + ")"
                : " at " + settings.endpoint());
        this.partSize = settings.partSize().toBytes();
        if (partSize < S3StoreSettings.MIN_PART.toBytes()) {
            throw new BadInputException("PF_S3_PART_SIZE: " + settings.partSize() + " is too small: S3 takes parts of"
                    + " at least 5MB (e.g. 16MB)");
        }
        boolean always = switch (settings.checksums()) {
            case "when-required" -> false;
            case "when-supported" -> true;
            default -> throw new BadInputException("PF_S3_CHECKSUMS: '" + settings.checksums()
                    + "' is not accepted: expected when-required (the SDK's own checksums only where S3 requires"
                    + " them) or when-supported");
        };
        URI endpoint = null;
        if (!settings.endpoint().isEmpty()) {
            try {
                endpoint = URI.create(settings.endpoint());
            } catch (IllegalArgumentException e) {
                endpoint = null;
            }
            if (endpoint == null || endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw new BadInputException("PF_S3_ENDPOINT: '" + settings.endpoint() + "' is not a URL: expected"
                        + " e.g. https://<project>.supabase.co/storage/v1/s3 or http://127.0.0.1:9000");
            }
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(always ? RequestChecksumCalculation.WHEN_SUPPORTED
                        : RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(always ? ResponseChecksumValidation.WHEN_SUPPORTED
                        : ResponseChecksumValidation.WHEN_REQUIRED);
        S3Presigner.Builder presignerBuilder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        }
        this.client = builder.build();
        this.presigner = presignerBuilder.build();
    }

    @Override
    public String describe() {
        return where;
    }

    public S3Location location() {
        return location;
    }

    /**
     * Uploads {@code file} as the report {@code reportPath}, then its {@code .sha256} sidecar (the line
     * {@code sha256sum} writes). An earlier sidecar of the same report is removed first, so none describes other
     * bytes.
     *
     * @return the report's SHA-256 (hex)
     * @throws ReportStoreException when the store refuses or cannot be reached
     */
    public String publish(Path file, String reportPath, ReportMetadata metadata) {
        String key = location.key(reportPath);
        try {
            String hex = HexFormat.of().formatHex(hash(SHA_256, file, 0, Files.size(file)));
            Map<String, String> objectMetadata = new HashMap<>(metadata.asMap());
            objectMetadata.put(SHA256_METADATA, hex);
            client.deleteObject(request -> request.bucket(location.bucket()).key(key + SIDECAR));
            long size = Files.size(file);
            if (size <= partSize) {
                String md5 = base64(hash(MD5, file, 0, size));
                client.putObject(request -> request.bucket(location.bucket()).key(key)
                                .contentType(contentType(key))
                                .contentDisposition(disposition(file.getFileName().toString()))
                                .metadata(objectMetadata)
                                .contentMD5(md5),
                        RequestBody.fromFile(file));
            } else {
                uploadInParts(file, size, key, objectMetadata);
            }
            byte[] line = (hex + "  " + file.getFileName() + "\n").getBytes(StandardCharsets.UTF_8);
            client.putObject(request -> request.bucket(location.bucket()).key(key + SIDECAR)
                            .contentType("text/plain")
                            .metadata(objectMetadata)
                            .contentMD5(base64(digest(MD5).digest(line))),
                    RequestBody.fromBytes(line));
            return hex;
        } catch (SdkException e) {
            throw failure("cannot publish " + reportPath, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to publish it", e);
        }
    }

    private void uploadInParts(Path file, long size, String key, Map<String, String> objectMetadata)
            throws IOException {
        String uploadId = client.createMultipartUpload(request -> request.bucket(location.bucket()).key(key)
                .contentType(contentType(key))
                .contentDisposition(disposition(file.getFileName().toString()))
                .metadata(objectMetadata)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long start = offset;
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                String md5 = base64(hash(MD5, file, start, length));
                String etag = client.uploadPart(request -> request.bucket(location.bucket()).key(key)
                                .uploadId(uploadId).partNumber(partNumber).contentLength(length)
                                .contentMD5(md5),
                        RequestBody.fromContentProvider(() -> FileSlice.open(file, start, length), length,
                                contentType(key))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            client.completeMultipartUpload(request -> request.bucket(location.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (SdkException | IOException | UncheckedIOException e) {
            try {
                client.abortMultipartUpload(request -> request.bucket(location.bucket()).key(key).uploadId(uploadId));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    @Override
    public List<StoredReport> list() {
        try {
            List<StoredReport> reports = new ArrayList<>();
            for (S3Object object : objects()) {
                if (object.key().endsWith(SIDECAR)) {
                    continue;
                }
                Map<String, String> metadata = head(object.key()).metadata();
                reports.add(new StoredReport(location.reportPath(object.key()), metadata.getOrDefault("job", ""),
                        metadata.getOrDefault("period", metadata.getOrDefault("org", "")), object.size(),
                        object.lastModified(), metadata.getOrDefault(SHA256_METADATA, "")));
            }
            reports.sort(Comparator.comparing(StoredReport::created).reversed().thenComparing(StoredReport::key));
            return reports;
        } catch (SdkException e) {
            throw failure("cannot list the reports", e);
        }
    }

    @Override
    public Path download(String reportPath, Path folder) {
        String key = location.key(reportPath);
        String name = reportPath.substring(reportPath.lastIndexOf('/') + 1);
        Path target = folder.resolve(name);
        Path partial = folder.resolve("." + name + "." + ProcessHandle.current().pid() + ".part");
        try {
            String expected = expectedSha256(reportPath, key);
            Files.createDirectories(folder);
            Files.deleteIfExists(partial);
            client.getObject(request -> request.bucket(location.bucket()).key(key), ResponseTransformer.toFile(partial));
            String actual = HexFormat.of().formatHex(hash(SHA_256, partial, 0, Files.size(partial)));
            if (!actual.equals(expected)) {
                throw new ReportStoreException("report store " + where + ": " + reportPath
                        + " does not match its SHA-256 (expected " + expected + ", downloaded " + actual
                        + "): nothing was kept");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (SdkException e) {
            throw failure("cannot download " + reportPath, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // a leftover hidden .part file is harmless
            }
        }
    }

    private String expectedSha256(String reportPath, String key) {
        String fromMetadata = head(key).metadata().get(SHA256_METADATA);
        if (fromMetadata != null && fromMetadata.matches("[0-9a-f]{64}")) {
            return fromMetadata;
        }
        String sidecar = client.getObjectAsBytes(request -> request.bucket(location.bucket()).key(key + SIDECAR))
                .asUtf8String().strip();
        if (!sidecar.matches("[0-9a-f]{64}\\s.*")) {
            throw new ReportStoreException("report store " + where + ": " + reportPath + " has no SHA-256 to check"
                    + " against (no sha256 metadata, no valid " + reportPath + SIDECAR + ")");
        }
        return sidecar.substring(0, 64);
    }

    @Override
    public String location(String reportPath) {
        try {
            head(location.key(reportPath));
            return location + reportPath;
        } catch (SdkException e) {
            throw failure("cannot find " + reportPath, e);
        }
    }

    @Override
    public Optional<String> link(String reportPath, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(LONGEST_LINK) > 0) {
            throw new BadInputException("expires: " + validFor.toHours() + "h is not accepted: a presigned link is"
                    + " valid from 1 second to 7 days (e.g. expires=7d, expires=12h)");
        }
        String key = location.key(reportPath);
        try {
            head(key);
            return Optional.of(presigner.presignGetObject(request -> request.signatureDuration(validFor)
                    .getObjectRequest(get -> get.bucket(location.bucket()).key(key))).url().toString());
        } catch (SdkException e) {
            throw failure("cannot link " + reportPath, e);
        }
    }

    @Override
    public List<String> deleteOlderThan(Instant cutoff, Predicate<String> ours, String why, Consumer<String> output) {
        try {
            List<String> deleted = new ArrayList<>();
            for (S3Object object : objects()) {
                String reportPath = location.reportPath(object.key());
                String report = reportPath.endsWith(SIDECAR)
                        ? reportPath.substring(0, reportPath.length() - SIDECAR.length()) : reportPath;
                if (!object.lastModified().isBefore(cutoff) || !ours.test(report)) {
                    continue;
                }
                client.deleteObject(request -> request.bucket(location.bucket()).key(object.key()));
                if (!object.key().endsWith(SIDECAR)) { // a sidecar is as old as its report and goes with it
                    deleted.add(reportPath);
                    output.accept("Deleted report " + location + reportPath + " (created "
                            + TIME.format(object.lastModified()) + ", " + why + ")");
                }
            }
            return deleted;
        } catch (SdkException e) {
            throw failure("cannot delete old reports", e);
        }
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
    }

    private List<S3Object> objects() {
        List<S3Object> objects = new ArrayList<>();
        client.listObjectsV2Paginator(request -> request.bucket(location.bucket()).prefix(location.prefix()))
                .contents().stream()
                .filter(object -> !object.key().endsWith("/")) // folder markers of some stores, not reports
                .forEach(objects::add);
        return objects;
    }

    private HeadObjectResponse head(String key) {
        return client.headObject(request -> request.bucket(location.bucket()).key(key));
    }

    /** The one line, without the SDK's exception as its cause (whose message would be the line shown); logged. */
    private ReportStoreException failure(String what, SdkException e) {
        String line = "report store " + where + ": " + what + ": " + reason(e);
        log.warn(line, e);
        return new ReportStoreException(line);
    }

    /** Why the store refused, in words; never the request's headers or credentials. */
    static String reason(SdkException e) {
        if (e instanceof S3Exception refused) {
            String code = refused.awsErrorDetails() == null ? null : refused.awsErrorDetails().errorCode();
            int status = refused.statusCode();
            if ("NoSuchBucket".equals(code)) {
                return "the bucket does not exist (NoSuchBucket)";
            }
            if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)
                    || "AccessDenied".equals(code) || status == 403) {
                return "access denied (" + (code == null ? "HTTP 403" : code) + "): check the credentials"
                        + " (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and what they may do in the bucket";
            }
            if ("NoSuchKey".equals(code) || status == 404) {
                return "no such report (HTTP 404)";
            }
            String message = refused.awsErrorDetails() == null ? "" : refused.awsErrorDetails().errorMessage();
            return (code == null ? "refused" : code) + " (HTTP " + status + ")"
                    + (message == null || message.isBlank() ? "" : ": " + OneLine.of(message));
        }
        return OneLine.of(e.getMessage());
    }

    private static String contentType(String key) {
        if (key.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        return key.endsWith(SIDECAR) ? "text/plain" : "application/octet-stream";
    }

    private static String disposition(String fileName) {
        return "attachment; filename=\"" + fileName.replaceAll("[^\\x20-\\x7e]|\"", "_") + "\"";
    }

    private static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    private static byte[] hash(String algorithm, Path file, long offset, long length) throws IOException {
        MessageDigest digest = digest(algorithm);
        try (InputStream in = new DigestInputStream(FileSlice.open(file, offset, length), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
