package org.labelcrew;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** LabelCrew: one application, package by feature; accounts authenticate through {@code account}, not a generated user. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class LabelCrewApplication {

    public static void main(String[] args) {
        SpringApplication.run(LabelCrewApplication.class, args);
    }
}
