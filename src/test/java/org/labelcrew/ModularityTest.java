package org.labelcrew;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the feature packages honest: no cycles between features, and no feature reaching into another's internals.
 * Also writes the module diagram (target/spring-modulith-docs) for the docs.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(LabelCrewApplication.class);

    @Test
    void featurePackagesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
