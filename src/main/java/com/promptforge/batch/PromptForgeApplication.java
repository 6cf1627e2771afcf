package com.promptforge.batch;

import com.promptforge.batch.cli.PromptForgeCli;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** PromptForge's batch service: database migrations, the batch jobs and their schedules. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PromptForgeApplication {

    public static void main(String[] args) {
        System.exit(new PromptForgeCli(System.out, System.err, Map.of()).run(args));
    }
}
