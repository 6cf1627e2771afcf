package com.promptforge.batch.schedule;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds {@link JobOutcomes} to every job, so that no job configuration has to. The listener is looked up when a job
 * ends, not when the jobs are built: it depends on beans that depend on the jobs.
 */
@Configuration(proxyBeanMethods = false)
class JobOutcomesRegistrar {

    @Bean
    static BeanPostProcessor jobOutcomesOnEveryJob(ObjectProvider<JobOutcomes> outcomes) {
        JobExecutionListener listener = new JobExecutionListener() {
            @Override
            public void afterJob(JobExecution execution) {
                outcomes.getObject().afterJob(execution);
            }
        };
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractJob job) {
                    job.registerJobExecutionListener(listener);
                }
                return bean;
            }
        };
    }
}
