package com.promptforge.batch.job;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds {@link LockWatch} to every job, so that no job configuration has to: each execution gets its heartbeat and
 * its run lock watched. The watch is looked up when a job starts, not when the jobs are built.
 */
@Configuration(proxyBeanMethods = false)
class LockWatchRegistrar {

    @Bean
    static BeanPostProcessor lockWatchOnEveryJob(ObjectProvider<LockWatch> watch) {
        JobExecutionListener listener = new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                watch.getObject().beforeJob(execution);
            }

            @Override
            public void afterJob(JobExecution execution) {
                watch.getObject().afterJob(execution);
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
