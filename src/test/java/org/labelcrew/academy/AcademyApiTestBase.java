package org.labelcrew.academy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The setup the academy API tests share: the fixtures, the application clock (back to real time after each test) and
 * a fresh {@link Academy} builder per test. Subclasses carry {@code @IntegrationTest}.
 */
abstract class AcademyApiTestBase {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    Academy academy;

    @BeforeEach
    void setUp() {
        academy = new Academy(fixtures, clock);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}
