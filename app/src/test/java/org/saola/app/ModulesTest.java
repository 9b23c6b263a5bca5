package org.saola.app;

import org.junit.jupiter.api.Test;
import org.saola.SaolaApplication;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The modules keep apart: no cycles, and each uses of another only what that one exposes (its base
 * package, or the packages it names as interfaces), never its api, domain or store. Plain Java: no Spring
 * context is started.
 */
class ModulesTest {

    static final ApplicationModules MODULES = ApplicationModules.of(SaolaApplication.class);

    @Test
    void modulesUseEachOtherOnlyThroughWhatTheyExpose() {
        MODULES.verify();
    }
}
