package com.promptforge.batch.job;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Adds {@link LockWatch} to every job: each execution gets its heartbeat and its run lock watched. */
@Configuration(proxyBeanMethods = false)
class LockWatchRegistrar {

    @Bean
    static BeanPostProcessor lockWatchOnEveryJob(ObjectProvider<LockWatch> watch) {
        return EveryJob.listenedBy(watch);
    }
}
