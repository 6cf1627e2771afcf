package com.promptforge.batch.report.s3;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;

/**
 * {@code pf.s3.*}: how the S3 report store reaches its bucket. {@code endpoint} (PF_S3_ENDPOINT) for a store other
 * than AWS (Supabase Storage, MinIO, R2), empty for AWS; {@code region} (PF_S3_REGION, default us-east-1);
 * {@code pathStyle} (PF_S3_PATH_STYLE: bucket in the path, as most S3-compatible stores want);
 * {@code checksums} (PF_S3_CHECKSUMS): {@code when-required} (default) has the SDK add its own checksum headers
 * only where S3 requires them, since several S3-compatible stores refuse the newer ones; {@code when-supported}
 * adds them everywhere (AWS accepts both); {@code partSize} (PF_S3_PART_SIZE, default 16MB, at least 5MB): a
 * report larger than this goes up in parts of this size. Credentials come from the AWS SDK's standard chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the aws.* system properties, a profile, an instance role), never
 * from these settings.
 */
@ConfigurationProperties("pf.s3")
public record S3StoreSettings(String endpoint, String region, boolean pathStyle, String checksums, DataSize partSize) {

    static final DataSize MIN_PART = DataSize.ofMegabytes(5);

    @ConstructorBinding
    public S3StoreSettings {
        endpoint = endpoint == null ? "" : endpoint.strip();
        region = region == null || region.isBlank() ? "us-east-1" : region.strip();
        checksums = checksums == null || checksums.isBlank() ? "when-required" : checksums.strip();
        partSize = partSize == null ? DataSize.ofMegabytes(16) : partSize;
    }
}
