package com.promptforge.batch.job;

import com.promptforge.batch.PromptForgeApplication;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** The application context as the command line starts it (no web server), for tests that need its beans. */
public final class TestApplication {

    private TestApplication() {
    }

    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(PromptForgeApplication.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("test-overrides", properties)))
                .run();
    }
}
