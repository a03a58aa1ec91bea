package org.labelcrew.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test against the whole application on a random port, backed by a real (embedded) PostgreSQL in a fresh data
 * directory under {@code target/}. Spring caches the context, so test classes with the same configuration share one
 * server; tests therefore create their own accounts and projects (see {@link Fixtures}) and never assume an empty
 * database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClock.Config.class, Fixtures.class})
public @interface IntegrationTest {
}
