package com.promptforge.batch;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * PromptForge's batch service: database migrations, the batch jobs and their schedules. The process starts at
 * {@code cli.PromptForgeCli}, which answers help and bad input before starting this application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PromptForgeApplication {
}
