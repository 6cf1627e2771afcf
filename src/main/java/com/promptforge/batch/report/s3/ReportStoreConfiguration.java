package com.promptforge.batch.report.s3;

import com.promptforge.batch.report.LocalStoredReports;
import com.promptforge.batch.report.StoredReports;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The report store PF_REPORTS_STORE names: empty for the reports folder (PF_REPORTS_DIR), {@code s3://bucket/prefix}
 * for an S3-compatible bucket, reached with the AWS SDK's standard credentials chain.
 */
@Configuration(proxyBeanMethods = false)
class ReportStoreConfiguration {

    @Bean
    StoredReports storedReports(@Value("${pf.reports-store:}") String store, @Value("${pf.reports-dir}") String dir,
                                S3StoreSettings settings) {
        if (store == null || store.isBlank()) {
            return new LocalStoredReports(Path.of(dir));
        }
        return new S3ReportStore(S3Location.parse(store.strip()), settings,
                DefaultCredentialsProvider.builder().build());
    }
}
