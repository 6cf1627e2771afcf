package com.promptforge.batch.schedule;

import com.promptforge.batch.job.EveryJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Adds {@link JobOutcomes} to every job: its reports published and its outcome notified. */
@Configuration(proxyBeanMethods = false)
class JobOutcomesRegistrar {

    @Bean
    static BeanPostProcessor jobOutcomesOnEveryJob(ObjectProvider<JobOutcomes> outcomes) {
        return EveryJob.listenedBy(outcomes);
    }
}
