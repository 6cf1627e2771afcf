package com.promptforge.batch.report.s3;

import com.promptforge.batch.report.JobReportStore;
import com.promptforge.batch.report.LocalReportStore;
import com.promptforge.batch.report.StoredReports;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The report store PF_REPORTS_STORE names: empty for the reports folder (PF_REPORTS_DIR), {@code s3://bucket/prefix}
 * for an S3-compatible bucket, reached with the AWS SDK's standard credentials chain, the reports folder then being
 * the local staging.
 */
@Configuration(proxyBeanMethods = false)
class ReportStoreConfiguration {

    @Bean
    S3ReportStoreHolder s3ReportStore(@Value("${pf.reports-store:}") String store, S3StoreSettings settings) {
        return new S3ReportStoreHolder(store == null || store.isBlank() ? null : new S3ReportStore(
                S3Location.parse(store.strip()), settings, DefaultCredentialsProvider.builder().build()));
    }

    @Bean
    @Primary
    JobReportStore jobReportStore(LocalReportStore staging, S3ReportStoreHolder bucket) {
        return new JobReportStore(staging, bucket.store());
    }

    @Bean
    StoredReports storedReports(JobReportStore store, @Value("${pf.reports-dir}") String dir) {
        return store.stored(Path.of(dir));
    }

    /** The bucket's store, or none; closed with the application. */
    record S3ReportStoreHolder(S3ReportStore store) implements AutoCloseable {
        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
