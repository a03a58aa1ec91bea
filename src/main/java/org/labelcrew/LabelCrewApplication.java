package org.labelcrew;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LabelCrewApplication {

    public static void main(String[] args) {
        SpringApplication.run(LabelCrewApplication.class, args);
    }
}
