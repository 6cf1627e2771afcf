package com.promptforge.batch.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a fresh migrated database: declare a {@link TestDatabase} parameter on a
 * constructor, {@code @BeforeAll}, {@code @BeforeEach} or test method. The database is dropped after the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestDatabaseExtension.class)
public @interface PromptForgeDatabase {
}
